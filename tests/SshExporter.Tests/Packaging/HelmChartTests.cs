using System.Text.Json.Nodes;
using SshExporter.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// The chart renders, for its own values and each ci/*-values.yaml, objects that Kubernetes and the Prometheus
/// Operator accept; its values satisfy values.schema.json; every pod is hardened; the exporter in each pod gets a
/// config it loads, health checks on its own endpoints, and the checksum that rolls it when the config changes.
/// </summary>
[NeedsNode, NeedsTool("go")]
public class HelmChartTests
{
    private static readonly string[] ModelPackages = ["kubernetes-models", "@kubernetes-models/prometheus-operator", "typescript"];

    private static readonly string[] SidecarCapabilities = ["NET_ADMIN", "NET_RAW"];

    /// <summary>All values sets in one run of the validator: its TypeScript program is what takes the time.</summary>
    [Fact]
    public async Task Every_rendered_object_of_every_values_set_is_valid_for_its_Kubernetes_or_Operator_model()
    {
        using var directory = new TempDirectory();
        var files = new List<string>();
        foreach (string valueSet in HelmChart.ValueSets)
        {
            files.Add(directory.Write($"{HelmChart.Describe(valueSet).Replace('/', '_')}.json", await HelmChart.RenderAsync("json", valueSet)));
        }

        var check = await NodeScript.RunAsync(ModelPackages, "tests/js/validate-k8s.mjs", [.. files]);

        Assert.True(check.ExitCode == 0, check.ToString());
    }

    /// <summary>The validator above can fail: one broken object per kind of mistake, each reported at its path.</summary>
    [Fact]
    public async Task The_object_validator_reports_unknown_fields_wrong_types_and_missing_required_fields()
    {
        using var directory = new TempDirectory();
        var rendered = JsonNode.Parse(await HelmChart.RenderAsync("json", "ci/both-values.yaml"))!.AsArray();
        JsonObject Find(string kind) => rendered.Select(item => item!["object"]!.AsObject()).First(o => HelmChart.Str(o, "kind") == kind);
        var deployment = Find("Deployment")["spec"]!.AsObject();
        deployment["replicas"] = "2";
        deployment["template"]!["spec"]!["containers"]![0]!["readinesProbe"] = new JsonObject();
        var daemonSetPod = Find("DaemonSet")["spec"]!["template"]!["spec"]!.AsObject();
        daemonSetPod["hostPid"] = true;
        daemonSetPod["containers"]![0]!.AsObject().Remove("name");
        Find("ServiceMonitor")["spec"]!["endpoints"]![0]!["scrapeTimout"] = "10s";
        Find("PrometheusRule")["spec"]!["groups"]![0]!["rules"]![0]!["exprs"] = "up";
        string file = directory.Write("broken.json", rendered.ToJsonString());

        var check = await NodeScript.RunAsync(ModelPackages, "tests/js/validate-k8s.mjs", file);

        Assert.NotEqual(0, check.ExitCode);
        foreach (string expected in new[]
        {
            "/spec/replicas: must be integer",
            "/spec/template/spec/containers/0/readinesProbe: unknown field",
            "/spec/template/spec/hostPid: unknown field",
            "/spec/template/spec/containers/0: must have required property name",
            "/spec/endpoints/0/scrapeTimout: unknown field",
            "/spec/groups/0/rules/0/exprs: unknown field",
        })
        {
            Assert.True(check.Stdout.Contains(expected, StringComparison.Ordinal), $"no '{expected}' in: {check}");
        }
    }

    [Fact]
    public async Task The_default_values_and_every_ci_values_set_satisfy_values_schema_json()
    {
        using var directory = new TempDirectory();
        var files = new List<string>();
        foreach (string valueSet in HelmChart.ValueSets)
        {
            files.Add(directory.Write($"{HelmChart.Describe(valueSet).Replace('/', '_')}.json", await HelmChart.RenderAsync("values", valueSet)));
        }

        var check = await NodeScript.RunAsync(["ajv"], "tests/js/validate-values.mjs", [HelmChart.PathOf("values.schema.json"), .. files]);

        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task The_schema_rejects_misspelt_keys_and_wrong_types_at_every_level()
    {
        using var directory = new TempDirectory();
        string typos = directory.Write("typos.yaml", """
            replica: 3
            prober:
              replicas: "3"
              serviceMonitor: {enable: true}
            sidecar:
              runAsRoot: "yes"
            modules:
              slow: {timout: 15s}
            """);
        string values = directory.Write("values.json", await HelmChart.RenderAsync("values", "", typos));

        var check = await NodeScript.RunAsync(["ajv"], "tests/js/validate-values.mjs", HelmChart.PathOf("values.schema.json"), values);

        Assert.NotEqual(0, check.ExitCode);
        foreach (string expected in new[]
        {
            "/: must NOT have additional properties (replica)",
            "/prober/replicas: must be integer",
            "/prober/serviceMonitor: must NOT have additional properties (enable)",
            "/sidecar/runAsRoot: must be boolean",
            "/modules/slow: must NOT have additional properties (timout)",
        })
        {
            Assert.True(check.Stdout.Contains(expected, StringComparison.Ordinal), $"no '{expected}' in: {check}");
        }
    }

    /// <summary>
    /// Every pod: seccomp RuntimeDefault, no privilege escalation, a read-only root filesystem, every capability
    /// dropped, no service account token; and uid 1654 without capabilities, except the sidecar while it runs as
    /// root (sidecar.runAsRoot, the default), which keeps NET_ADMIN and NET_RAW for the firewall check and nothing more.
    /// </summary>
    [Theory]
    [MemberData(nameof(HelmChart.All), MemberType = typeof(HelmChart))]
    public async Task Every_pod_runs_hardened(string valueSet)
    {
        var objects = await HelmChart.ObjectsAsync(valueSet);
        bool sidecarAsRoot = (await HelmChart.ValuesAsync(valueSet))["sidecar"]!["runAsRoot"]!.GetValue<bool>();

        Assert.NotEmpty(HelmChart.PodSpecs(objects));
        foreach (var (workload, pod) in HelmChart.PodSpecs(objects))
        {
            bool asRoot = workload.Kind == "DaemonSet" && sidecarAsRoot;
            string where = $"{HelmChart.Describe(valueSet)}: {workload}";
            Assert.False(pod["automountServiceAccountToken"]!.GetValue<bool>(), where);
            AssertIdentity(pod["securityContext"], asRoot, $"{where} pod securityContext");
            var container = Assert.Single(pod["containers"]!.AsArray())!;
            var security = container["securityContext"]!;
            AssertIdentity(security, asRoot, $"{where} container securityContext");
            Assert.True(security["allowPrivilegeEscalation"]!.GetValue<bool>() == false, where);
            Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>(), where);
            Assert.True(security["privileged"]!.GetValue<bool>() == false, where);
            Assert.Equal(["ALL"], Strings(security["capabilities"]!["drop"]));
            Assert.Equal(asRoot ? SidecarCapabilities : [], Strings(security["capabilities"]!["add"]));
        }
    }

    [Fact]
    public async Task The_prober_never_runs_as_root_and_the_sidecar_does_so_only_as_values_say()
    {
        using var directory = new TempDirectory();
        string bothAsRoot = directory.Write("root.yaml", "sidecar: {enabled: true, runAsRoot: true}\n");

        var asRoot = HelmChart.PodSpecs(await HelmChart.ObjectsAsync("", bothAsRoot)).ToList();
        var asUser = HelmChart.PodSpecs(await HelmChart.ObjectsAsync("ci/both-values.yaml")).ToList();

        Assert.Equal(1654, asRoot.Single(p => p.Workload.Kind == "Deployment").Pod["securityContext"]!["runAsUser"]!.GetValue<int>());
        Assert.Equal(0, asRoot.Single(p => p.Workload.Kind == "DaemonSet").Pod["securityContext"]!["runAsUser"]!.GetValue<int>());
        Assert.All(asUser, p => Assert.Equal(1654, p.Pod["securityContext"]!["runAsUser"]!.GetValue<int>()));
    }

    /// <summary>
    /// Each container listens where its probes and port point, is alive while /-/healthy answers and ready while
    /// /-/ready does, reads the config file its ConfigMap mounts, which the exporter's own loader accepts, and
    /// carries the sha256 of that config, so that a changed config rolls the pods.
    /// </summary>
    [Theory]
    [MemberData(nameof(HelmChart.All), MemberType = typeof(HelmChart))]
    public async Task Each_exporter_gets_its_config_health_checks_and_config_checksum(string valueSet)
    {
        var objects = await HelmChart.ObjectsAsync(valueSet);

        foreach (var (workload, pod) in HelmChart.PodSpecs(objects))
        {
            string where = $"{HelmChart.Describe(valueSet)}: {workload}";
            var container = pod["containers"]![0]!;
            var args = Strings(container["args"]);
            string port = Assert.Single(args, a => a.StartsWith("--web.listen-address=:", StringComparison.Ordinal))["--web.listen-address=:".Length..];
            var http = Assert.Single(container["ports"]!.AsArray(), p => HelmChart.Str(p, "name") == "http")!;
            Assert.Equal(port, HelmChart.Str(http, "containerPort"));
            // Behind a web config the checks change (HelmChartWebConfigTests); without one they ask the endpoints.
            if (!args.Any(a => a.StartsWith("--web.config.file=", StringComparison.Ordinal)))
            {
                Assert.Equal(("/-/healthy", "http"), (HelmChart.Str(container["livenessProbe"]!["httpGet"], "path"), HelmChart.Str(container["livenessProbe"]!["httpGet"], "port")));
                Assert.Equal(("/-/ready", "http"), (HelmChart.Str(container["readinessProbe"]!["httpGet"], "path"), HelmChart.Str(container["readinessProbe"]!["httpGet"], "port")));
            }


            string configMapName = HelmChart.Str(pod["volumes"]!.AsArray().Single(v => HelmChart.Str(v, "name") == "config")!["configMap"], "name");
            string mountPath = HelmChart.Str(container["volumeMounts"]!.AsArray().Single(m => HelmChart.Str(m, "name") == "config"), "mountPath");
            Assert.Contains($"--config.file={mountPath}/config.yml", args);
            var configMap = Assert.Single(objects, o => o.Kind == "ConfigMap" && o.Name == configMapName);
            string config = HelmChart.Str(configMap.Manifest["data"], "config.yml");
            var loaded = ConfigLoader.Parse(config, $"{configMap} config.yml");
            Assert.True(loaded.Modules.ContainsKey("default"), where);
            Assert.Equal(HelmChart.Sha256(config), HelmChart.Str(workload.Manifest["spec"]!["template"]!["metadata"]!["annotations"], "checksum/config"));
        }
    }

    [Fact]
    public async Task A_changed_config_changes_the_checksum_and_a_changed_label_does_not()
    {
        using var directory = new TempDirectory();
        string slower = directory.Write("slower.yaml", "modules: {default: {timeout: 7s}}\n");
        string labelled = directory.Write("labelled.yaml", "prober: {podLabels: {team: ssh}}\nimage: {tag: '9.9.9'}\n");

        string Checksum(IEnumerable<RenderedObject> objects) =>
            HelmChart.Str(HelmChart.One(objects, "Deployment").Manifest["spec"]!["template"]!["metadata"]!["annotations"], "checksum/config");

        string shipped = Checksum(await HelmChart.ObjectsAsync(""));
        Assert.NotEqual(shipped, Checksum(await HelmChart.ObjectsAsync("", slower)));
        Assert.Equal(shipped, Checksum(await HelmChart.ObjectsAsync("", labelled)));
    }

    /// <summary>A module name that values.schema.json cannot check against the modules stops the render, naming it.</summary>
    [Theory]
    [InlineData("prober: {targetLists: [{name: fleet, module: fsat, targets: ['a.example.invalid:22']}]}", "module \"fsat\" is not defined under modules")]
    [InlineData("sidecar: {enabled: true, localProbeModule: fsat}", "sidecar.localProbeModule: module \"fsat\" is not defined under modules")]
    public async Task An_undefined_module_stops_the_render(string values, string message)
    {
        using var directory = new TempDirectory();
        string file = directory.Write("values.yaml", values + "\n");

        var render = await HelmChart.TryRenderAsync(RepositoryRoot.Combine(HelmChart.Directory), "json", [file]);

        Assert.True(render.ExitCode != 0 && render.Stderr.Contains(message, StringComparison.Ordinal), render.ToString());
    }

    /// <summary>The sidecar sees the node as README's sidecar section says a DaemonSet must.</summary>
    [Fact]
    public async Task The_sidecar_looks_at_the_node_through_its_network_processes_and_a_read_only_root()
    {
        var objects = await HelmChart.ObjectsAsync("ci/sidecar-values.yaml");
        var daemonSet = HelmChart.One(objects, "DaemonSet");
        var pod = daemonSet.Manifest["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;

        Assert.True(pod["hostNetwork"]!.GetValue<bool>());
        Assert.True(pod["hostPID"]!.GetValue<bool>());
        Assert.Equal("ClusterFirstWithHostNet", HelmChart.Str(pod, "dnsPolicy"));
        foreach (var (hostPath, mountPath) in new[] { ("/", "/host"), ("/etc/ssh", "/etc/ssh") })
        {
            var volume = Assert.Single(pod["volumes"]!.AsArray(), v => HelmChart.Str(v!["hostPath"], "path") == hostPath)!;
            var mount = Assert.Single(container["volumeMounts"]!.AsArray(), m => HelmChart.Str(m, "name") == HelmChart.Str(volume, "name"))!;
            Assert.Equal(mountPath, HelmChart.Str(mount, "mountPath"));
            Assert.True(mount["readOnly"]!.GetValue<bool>(), $"the node's {hostPath} must be mounted read-only");
        }

        var config = ConfigLoader.Parse(HelmChart.Str(HelmChart.One(objects, "ConfigMap", "sidecar").Manifest["data"], "config.yml"), "sidecar config");
        Assert.True(config.Sidecar.Enabled);
        Assert.Equal(("/host", "/host/proc"), (config.Sidecar.RootFs, config.Sidecar.ProcFs));
        Assert.Equal([2222], config.Sidecar.ExtraPorts);
        Assert.Equal("true", HelmChart.Str(pod["nodeSelector"], "ssh-exporter.example.invalid/sshd"));
    }

    /// <summary>Services, Operator objects and workloads find one another by the labels and port names they share.</summary>
    [Theory]
    [MemberData(nameof(HelmChart.All), MemberType = typeof(HelmChart))]
    public async Task Services_and_monitors_select_the_pods_and_ports_that_exist(string valueSet)
    {
        var objects = await HelmChart.ObjectsAsync(valueSet);
        var pods = HelmChart.PodSpecs(objects).Select(p => (Labels: p.Workload.Manifest["spec"]!["template"]!["metadata"]!["labels"]!.AsObject(), p.Pod)).ToList();
        var services = objects.Where(o => o.Kind == "Service").ToList();

        foreach (var service in services)
        {
            var selector = service.Manifest["spec"]!["selector"]!.AsObject();
            var (_, pod) = Assert.Single(pods, p => Matches(selector, p.Labels));
            var ports = pod["containers"]![0]!["ports"]!.AsArray().Select(p => HelmChart.Str(p, "name"));
            Assert.All(service.Manifest["spec"]!["ports"]!.AsArray(), port => Assert.Contains(HelmChart.Str(port, "targetPort"), ports));
        }

        foreach (var monitor in objects.Where(o => o.Kind == "ServiceMonitor"))
        {
            var matchLabels = monitor.Manifest["spec"]!["selector"]!["matchLabels"]!.AsObject();
            var service = Assert.Single(services, s => Matches(matchLabels, s.Manifest["metadata"]!["labels"]!.AsObject()));
            var ports = service.Manifest["spec"]!["ports"]!.AsArray().Select(p => HelmChart.Str(p, "name"));
            Assert.All(monitor.Manifest["spec"]!["endpoints"]!.AsArray(), endpoint => Assert.Contains(HelmChart.Str(endpoint, "port"), ports));
        }

        foreach (var monitor in objects.Where(o => o.Kind == "PodMonitor"))
        {
            var (_, pod) = Assert.Single(pods, p => Matches(monitor.Manifest["spec"]!["selector"]!["matchLabels"]!.AsObject(), p.Labels));
            var ports = pod["containers"]![0]!["ports"]!.AsArray().Select(p => HelmChart.Str(p, "name"));
            Assert.All(monitor.Manifest["spec"]!["podMetricsEndpoints"]!.AsArray(), endpoint => Assert.Contains(HelmChart.Str(endpoint, "port"), ports));
        }

        foreach (var probe in objects.Where(o => o.Kind == "Probe"))
        {
            string url = HelmChart.Str(probe.Manifest["spec"]!["prober"], "url");
            Assert.Contains(services, s => url == $"{s.Name}.{HelmChart.Str(s.Manifest["metadata"], "namespace")}.svc:{HelmChart.Str(s.Manifest["spec"]!["ports"]![0], "port")}");
        }
    }

    [Theory]
    [MemberData(nameof(HelmChart.All), MemberType = typeof(HelmChart))]
    public async Task The_notes_render_and_name_each_enabled_mode(string valueSet)
    {
        string notes = await HelmChart.RenderAsync("notes", valueSet);
        var values = await HelmChart.ValuesAsync(valueSet);

        Assert.Equal(values["prober"]!["enabled"]!.GetValue<bool>(), notes.Contains("PROBER:", StringComparison.Ordinal));
        Assert.Equal(values["sidecar"]!["enabled"]!.GetValue<bool>(), notes.Contains("SIDECAR:", StringComparison.Ordinal));
        Assert.DoesNotContain("<no value>", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chart_ships_the_version_of_the_exporter_it_runs()
    {
        var objects = await HelmChart.ObjectsAsync("ci/both-values.yaml");
        string version = ProjectVersion.Value;

        var images = HelmChart.PodSpecs(objects).ToDictionary(p => p.Workload.Kind, p => HelmChart.Str(p.Pod["containers"]![0], "image"));

        Assert.Equal($"ghcr.io/ssh-exporter/ssh-exporter:{version}", images["Deployment"]);
        Assert.Equal($"ghcr.io/ssh-exporter/ssh-exporter:{version}-sidecar", images["DaemonSet"]);
    }

    private static void AssertIdentity(JsonNode? securityContext, bool asRoot, string where)
    {
        Assert.True(securityContext is not null, $"{where} is missing");
        Assert.True(securityContext["runAsNonRoot"]!.GetValue<bool>() == !asRoot, $"{where}: runAsNonRoot");
        Assert.True(securityContext["runAsUser"]!.GetValue<int>() == (asRoot ? 0 : 1654), $"{where}: runAsUser");
        Assert.True(securityContext["runAsGroup"]!.GetValue<int>() == (asRoot ? 0 : 1654), $"{where}: runAsGroup");
        Assert.True(HelmChart.Str(securityContext["seccompProfile"], "type") == "RuntimeDefault", $"{where}: seccompProfile");
    }

    private static bool Matches(JsonObject selector, JsonObject labels) =>
        selector.Count > 0 && selector.All(pair => labels[pair.Key]?.ToString() == pair.Value?.ToString());

    private static List<string> Strings(JsonNode? array) => array is JsonArray items ? [.. items.Select(item => item!.ToString())] : [];
}
