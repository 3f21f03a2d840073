using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.WebConfig;
using SshExporter.WebConfig;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// The chart's webConfig: both exporters read --web.config.file from a read-only Secret mount, the file the chart
/// writes loads in the exporter with the tlsSecret's file names, the pods roll when it changes, the kubelet's checks
/// still pass behind TLS and basic auth, and every Operator object scrapes over https with the user's Secrets.
/// </summary>
[NeedsTool("go")]
[NeedsExporterBinary]
public partial class HelmChartWebConfigTests
{
    private const string ValueSet = "ci/webconfig-values.yaml";

    private const string WebConfigFlag = "--web.config.file=";

    [GeneratedRegex("""^ENTRYPOINT \["([^"]+)"\]""", RegexOptions.Multiline)]
    private static partial Regex Entrypoint();

    [Fact]
    public async Task Each_exporter_reads_the_web_config_file_from_a_read_only_mount_of_the_Secrets()
    {
        var objects = await HelmChart.ObjectsAsync(ValueSet);
        var secret = HelmChart.One(objects, "Secret");

        Assert.Equal(2, HelmChart.PodSpecs(objects).Count());
        foreach (var (workload, pod) in HelmChart.PodSpecs(objects))
        {
            var container = pod["containers"]![0]!;
            string file = Assert.Single(Strings(container["args"]), a => a.StartsWith(WebConfigFlag, StringComparison.Ordinal))[WebConfigFlag.Length..];
            var mount = Assert.Single(container["volumeMounts"]!.AsArray(), m => HelmChart.Str(m, "name") == "web-config")!;
            Assert.Equal($"{HelmChart.Str(mount, "mountPath")}/web-config.yml", file);
            Assert.True(mount["readOnly"]!.GetValue<bool>(), $"{workload}: the web config must be mounted read-only");
            var volume = Assert.Single(pod["volumes"]!.AsArray(), v => HelmChart.Str(v, "name") == "web-config")!;
            var secrets = volume["projected"]!["sources"]!.AsArray().Select(source => HelmChart.Str(source!["secret"], "name"));
            Assert.Equal([secret.Name, "ssh-exporter-tls"], secrets);
            Assert.Equal(
                HelmChart.Sha256(HelmChart.Str(secret.Manifest["stringData"], "web-config.yml")),
                HelmChart.Str(workload.Manifest["spec"]!["template"]!["metadata"]!["annotations"], "checksum/web-config"));
        }
    }

    /// <summary>The file the chart writes, beside a certificate and key named as a kubernetes.io/tls Secret names them, loads in the exporter.</summary>
    [Fact]
    public async Task The_web_config_file_the_chart_writes_loads_with_the_tls_Secrets_file_names()
    {
        var secret = HelmChart.One(await HelmChart.ObjectsAsync(ValueSet), "Secret");
        string text = HelmChart.Str(secret.Manifest["stringData"], "web-config.yml");
        using var pem = new PemFiles();
        using var directory = new TempDirectory();
        directory.Write("tls.crt", pem.CertPem);
        directory.Write("tls.key", pem.KeyPem);

        var (settings, _) = WebConfigLoader.Parse(text, $"{secret} web-config.yml", directory.Path);

        Assert.NotNull(settings.Tls);
        Assert.Equal(["prometheus"], settings.BasicAuthUsers.Keys);
    }

    /// <summary>
    /// The exec liveness check as rendered passes against an exporter that serves the chart's config and web-config.yml
    /// (TLS and basic auth, beside the tlsSecret's file names): it asks over TLS and takes the 401 as an answer. The
    /// command runs with this machine's paths and a loopback port in place of the pod's.
    /// </summary>
    [Fact]
    public async Task The_rendered_exec_health_check_passes_against_an_exporter_serving_the_charts_files()
    {
        var objects = await HelmChart.ObjectsAsync(ValueSet);
        var container = HelmChart.One(objects, "Deployment").Manifest["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var command = Strings(container["livenessProbe"]!["exec"]!["command"]);
        using var pem = new PemFiles();
        using var directory = new TempDirectory();
        directory.Write("tls.crt", pem.CertPem);
        directory.Write("tls.key", pem.KeyPem);
        string webConfig = directory.Write("web-config.yml", HelmChart.Str(HelmChart.One(objects, "Secret").Manifest["stringData"], "web-config.yml"));
        string config = ConfigFiles.Write(HelmChart.Str(HelmChart.One(objects, "ConfigMap", "prober").Manifest["data"], "config.yml"));
        string listen = $"--web.listen-address=localhost:{ClosedPort.Find()}";
        await using var exporter = ExporterProcess.Start($"--config.file={config}", listen, $"{WebConfigFlag}{webConfig}");
        string[] healthcheck =
        [
            .. command.Skip(1).Select(arg =>
                arg.StartsWith("--web.listen-address=", StringComparison.Ordinal) ? listen
                : arg.StartsWith(WebConfigFlag, StringComparison.Ordinal) ? $"{WebConfigFlag}{webConfig}"
                : arg),
        ];

        (int ExitCode, string Output) last = default;
        bool healthy = await Poll.UntilAsync(
            async () => (last = await ExporterProcess.RunAsync(healthcheck)).ExitCode == 0, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(healthy, $"{string.Join(' ', healthcheck)}: {last.Output}\nexporter: {exporter.Output}");
        Assert.Contains("https://127.0.0.1:", last.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await ExporterProcess.RunAsync("healthcheck", listen)).ExitCode);
    }

    [Fact]
    public async Task A_changed_web_config_rolls_the_pods()
    {
        using var directory = new TempDirectory();
        string moreUsers = directory.Write("users.yaml", "webConfig: {config: {basic_auth_users: {grafana: $2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG}}}\n");

        static IEnumerable<string> Checksums(IEnumerable<RenderedObject> objects) => HelmChart.PodSpecs(objects)
            .Select(p => HelmChart.Str(p.Workload.Manifest["spec"]!["template"]!["metadata"]!["annotations"], "checksum/web-config"));

        var before = Checksums(await HelmChart.ObjectsAsync(ValueSet)).ToList();
        var after = Checksums(await HelmChart.ObjectsAsync(ValueSet, moreUsers)).ToList();

        Assert.All(before.Zip(after), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    /// <summary>
    /// exec: liveness runs the image's own program (the Dockerfile's ENTRYPOINT in both images) as a healthcheck
    /// of the pod's port with the mounted file, readiness connects; httpGet keeps the endpoints over HTTPS;
    /// tcpSocket only connects.
    /// </summary>
    [Theory]
    [InlineData("exec")]
    [InlineData("httpGet")]
    [InlineData("tcpSocket")]
    public async Task The_health_checks_pass_behind_the_web_config_as_webConfig_healthChecks_says(string mode)
    {
        using var directory = new TempDirectory();
        string values = directory.Write("checks.yaml", $$"""
            sidecar: {enabled: true}
            webConfig:
              healthChecks: {{mode}}
              tlsSecret: ssh-exporter-tls
              config:
                tls_server_config: {cert_file: tls.crt, key_file: tls.key}
            """);
        string binary = Assert.Single(Entrypoint().Matches(File.ReadAllText(RepositoryRoot.Combine("Dockerfile"))).Select(m => m.Groups[1].Value).Distinct());

        var pods = HelmChart.PodSpecs(await HelmChart.ObjectsAsync("", values)).ToList();

        Assert.Equal(2, pods.Count);
        foreach (var (workload, pod) in pods)
        {
            var container = pod["containers"]![0]!;
            var args = Strings(container["args"]);
            var (liveness, readiness) = (container["livenessProbe"]!.AsObject(), container["readinessProbe"]!.AsObject());
            string where = $"{workload}, healthChecks {mode}";
            switch (mode)
            {
                case "exec":
                    Assert.Equal(
                        [binary, "healthcheck", Assert.Single(args, a => a.StartsWith("--web.listen-address=", StringComparison.Ordinal)), Assert.Single(args, a => a.StartsWith(WebConfigFlag, StringComparison.Ordinal))],
                        Strings(liveness["exec"]!["command"]));
                    Assert.Equal("http", HelmChart.Str(readiness["tcpSocket"], "port"));
                    break;
                case "httpGet":
                    Assert.Equal(("/-/healthy", "HTTPS"), (HelmChart.Str(liveness["httpGet"], "path"), HelmChart.Str(liveness["httpGet"], "scheme")));
                    Assert.Equal(("/-/ready", "HTTPS"), (HelmChart.Str(readiness["httpGet"], "path"), HelmChart.Str(readiness["httpGet"], "scheme")));
                    break;
                default:
                    Assert.Equal(("http", "http"), (HelmChart.Str(liveness["tcpSocket"], "port"), HelmChart.Str(readiness["tcpSocket"], "port")));
                    break;
            }

            Assert.True(liveness.Count(pair => pair.Key is "exec" or "httpGet" or "tcpSocket") == 1, $"{where}: one handler per check");
            Assert.True(readiness.Count(pair => pair.Key is "exec" or "httpGet" or "tcpSocket") == 1, $"{where}: one handler per check");
        }
    }

    /// <summary>Probe, ServiceMonitors (the exporter's own and a target list's) and PodMonitor all scrape over https with the user's CA and password Secret.</summary>
    [Theory]
    [InlineData("Probe")]
    [InlineData("ServiceMonitor")]
    public async Task Every_Operator_object_scrapes_over_https_with_the_Secrets_of_values(string targetListKind)
    {
        using var directory = new TempDirectory();
        string kind = directory.Write("kind.yaml", $"prober: {{targetListKind: {targetListKind}}}\n");
        var objects = await HelmChart.ObjectsAsync(ValueSet, kind);
        var values = await HelmChart.ValuesAsync(ValueSet);
        string tlsConfig = values["webConfig"]!["prometheus"]!["tlsConfig"]!.ToJsonString();
        string passwordSecret = values["webConfig"]!["prometheus"]!["basicAuthSecret"]!.ToString();
        var expectedAuth = new JsonObject
        {
            ["username"] = new JsonObject { ["name"] = passwordSecret, ["key"] = "username" },
            ["password"] = new JsonObject { ["name"] = passwordSecret, ["key"] = "password" },
        };

        var scrapes = new List<(string Where, string Scheme, JsonNode? Auth)>();
        foreach (var monitor in objects.Where(o => o.Kind is "ServiceMonitor" or "PodMonitor"))
        {
            var endpoints = monitor.Manifest["spec"]![monitor.Kind == "PodMonitor" ? "podMetricsEndpoints" : "endpoints"]!.AsArray();
            scrapes.AddRange(endpoints.Select(e => (monitor.ToString(), HelmChart.Str(e, "scheme"), e)));
        }

        scrapes.AddRange(objects.Where(o => o.Kind == "Probe").Select(p => (p.ToString(), HelmChart.Str(p.Manifest["spec"]!["prober"], "scheme"), p.Manifest["spec"])));

        // The exporter's own ServiceMonitor, the sidecars' PodMonitor, and the target list's object.
        Assert.Equal(3, scrapes.Count);
        Assert.Single(objects, o => o.Kind == targetListKind && o.Name.EndsWith("-fleet", StringComparison.Ordinal));
        Assert.All(scrapes, scrape =>
        {
            Assert.True(scrape.Scheme == "https", $"{scrape.Where}: scheme {scrape.Scheme}");
            Assert.True(scrape.Auth!["tlsConfig"]?.ToJsonString() == tlsConfig, $"{scrape.Where}: tlsConfig {scrape.Auth["tlsConfig"]}");
            Assert.True(JsonNode.DeepEquals(expectedAuth, scrape.Auth["basicAuth"]), $"{scrape.Where}: basicAuth {scrape.Auth["basicAuth"]}");
        });
    }

    /// <summary>With a Secret of the user's, the chart makes none and mounts theirs; nothing to hash, since the exporter re-reads the file.</summary>
    [Fact]
    public async Task An_existing_Secret_is_mounted_and_none_is_made()
    {
        using var directory = new TempDirectory();
        string existing = directory.Write("existing.yaml", "webConfig: {existingSecret: my-web-config}\nsidecar: {enabled: true}\n");

        var objects = await HelmChart.ObjectsAsync("", existing);

        Assert.DoesNotContain(objects, o => o.Kind == "Secret");
        Assert.Equal(2, HelmChart.PodSpecs(objects).Count());
        foreach (var (workload, pod) in HelmChart.PodSpecs(objects))
        {
            var volume = Assert.Single(pod["volumes"]!.AsArray(), v => HelmChart.Str(v, "name") == "web-config")!;
            Assert.Equal("my-web-config", HelmChart.Str(Assert.Single(volume["projected"]!["sources"]!.AsArray())!["secret"], "name"));
            Assert.Contains(Strings(pod["containers"]![0]!["args"]), a => a.StartsWith(WebConfigFlag, StringComparison.Ordinal));
            Assert.Null(workload.Manifest["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/web-config"]);
        }
    }

    /// <summary>Values whose health checks or scheme could never pass against the file the chart writes stop the render, saying why.</summary>
    [Theory]
    [InlineData("{existingSecret: mine, config: {basic_auth_users: {p: '$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG'}}}", "set existingSecret or config, not both")]
    [InlineData("{tlsSecret: mine}", "webConfig.tlsSecret needs webConfig.config")]
    [InlineData("{scheme: http, config: {tls_server_config: {cert_file: tls.crt, key_file: tls.key}}}", "webConfig.scheme is http but webConfig.config has tls_server_config")]
    [InlineData("{config: {basic_auth_users: {p: '$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG'}}}", "webConfig.scheme is https but webConfig.config has no tls_server_config")]
    [InlineData("{scheme: http, healthChecks: httpGet, config: {basic_auth_users: {p: '$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG'}}}", "httpGet cannot pass basic_auth_users")]
    [InlineData("{config: {tls_server_config: {cert_file: tls.crt, key_file: tls.key, client_auth_type: RequireAndVerifyClientCert, client_ca_file: ca.crt}}}", "client_auth_type RequireAndVerifyClientCert refuses the kubelet")]
    public async Task Contradictory_webConfig_values_stop_the_render(string webConfig, string message)
    {
        using var directory = new TempDirectory();
        string file = directory.Write("values.yaml", $"webConfig: {webConfig}\n");

        var render = await HelmChart.TryRenderAsync(RepositoryRoot.Combine(HelmChart.Directory), "json", [file]);

        Assert.True(render.ExitCode != 0 && render.Stderr.Contains(message, StringComparison.Ordinal), render.ToString());
    }

    /// <summary>A private key or a password never belongs in values: the schema refuses an inline key and a password that is no bcrypt hash.</summary>
    [Fact, NeedsNode]
    public async Task The_schema_refuses_an_inline_private_key_and_a_plain_password()
    {
        using var directory = new TempDirectory();
        string secrets = directory.Write("secrets.yaml", """
            webConfig:
              config:
                tls_server_config: {cert: "-----BEGIN CERTIFICATE-----", key: "-----BEGIN PRIVATE KEY-----"}
                basic_auth_users: {prometheus: hunter2}
                basic_auth: {}
              healthChecks: curl
            """);
        string values = directory.Write("values.json", await HelmChart.RenderAsync("values", "", secrets));

        var check = await NodeScript.RunAsync(["ajv"], "tests/js/validate-values.mjs", HelmChart.PathOf("values.schema.json"), values);

        Assert.NotEqual(0, check.ExitCode);
        foreach (string expected in new[]
        {
            "/webConfig/config/tls_server_config/key: boolean schema is false",
            "/webConfig/config/basic_auth_users/prometheus: must match pattern",
            "/webConfig/config: property name must be valid",
            "/webConfig/healthChecks: must be equal to one of the allowed values",
        })
        {
            Assert.True(check.Stdout.Contains(expected, StringComparison.Ordinal), $"no '{expected}' in: {check}");
        }
    }

    private static List<string> Strings(JsonNode? array) => array is JsonArray items ? [.. items.Select(item => item!.ToString())] : [];
}
