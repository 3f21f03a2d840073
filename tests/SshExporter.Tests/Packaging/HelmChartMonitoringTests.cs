using System.Text.Json.Nodes;
using SshExporter.Tests.Dashboards;
using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// What the chart gives Prometheus and Grafana is what the repository ships: the rules of alerts/ and the
/// dashboards of dashboards/ (read from byte-identical copies inside the chart, with the runbook base from values),
/// and scrape relabelling that gives the `host` and `port` labels exactly as examples/prometheus/ does.
/// </summary>
[NeedsNode, NeedsTool("go")]
public class HelmChartMonitoringTests
{
    private const string ShippedRunbook = "https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md";

    private const string CopyScript = "scripts/sync-chart-files";

    /// <summary>The relabelling rules the Operator writes itself for a Probe's static targets.</summary>
    private static readonly string[] OperatorProbeLabels = ["__param_target", "instance", "__address__"];

    [Fact]
    public void The_chart_copies_of_the_rules_and_dashboards_are_byte_identical_to_their_sources()
    {
        var pairs = new List<(string Source, string Copy)> { (ShippedAlerts.RuleFile, $"{HelmChart.Directory}/files/ssh-exporter.rules.yml") };
        pairs.AddRange(DashboardFiles.Names.Select(name => ($"{DashboardFiles.Directory}/{name}", $"{HelmChart.Directory}/files/dashboards/{name}")));
        var copied = Directory.GetFiles(HelmChart.PathOf("files/dashboards")).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

        Assert.True(copied.SequenceEqual(DashboardFiles.Names), $"the chart's files/dashboards/ holds other dashboards than dashboards/: run {CopyScript}");
        foreach (var (source, copy) in pairs)
        {
            Assert.True(
                File.ReadAllBytes(RepositoryRoot.Combine(source)).AsSpan().SequenceEqual(File.ReadAllBytes(RepositoryRoot.Combine(copy))),
                $"{copy} differs from {source}: run {CopyScript}");
        }
    }

    /// <summary>
    /// The PrometheusRule's spec is the rule file's text, indented under spec:, with the runbook base of values
    /// (prober-values.yaml sets its own) in place of the shipped one, and nothing else changed.
    /// </summary>
    [Fact]
    public async Task The_PrometheusRule_is_the_shipped_rule_file_with_the_runbook_base_from_values()
    {
        string yaml = await HelmChart.RenderAsync("yaml", "ci/prober-values.yaml");
        string runbook = (await HelmChart.ValuesAsync("ci/prober-values.yaml"))["runbookBaseUrl"]!.ToString();
        string document = Assert.Single(yaml.Split("\n---\n"), d => d.Contains("\nkind: PrometheusRule\n", StringComparison.Ordinal));

        string spec = document[(document.IndexOf("\nspec:\n", StringComparison.Ordinal) + "\nspec:\n".Length)..];
        string unindented = string.Join('\n', spec.Split('\n').Select(line => line.StartsWith("  ", StringComparison.Ordinal) ? line[2..] : line.TrimEnd()));
        string expected = File.ReadAllText(RepositoryRoot.Combine(ShippedAlerts.RuleFile)).Replace(ShippedRunbook, runbook, StringComparison.Ordinal);

        Assert.NotEqual(ShippedRunbook, runbook);
        Assert.Equal(expected.TrimEnd(), unindented.TrimEnd());
    }

    [NeedsPrometheus]
    [Theory]
    [InlineData("ci/prober-values.yaml")]
    [InlineData("ci/sidecar-values.yaml")]
    [InlineData("ci/both-values.yaml")]
    public async Task Promtool_accepts_the_PrometheusRule_as_the_Operator_reads_it(string valueSet)
    {
        string promtool = Requires.Tool("promtool");
        var rule = HelmChart.One(await HelmChart.ObjectsAsync(valueSet), "PrometheusRule");
        using var directory = new TempDirectory();
        string file = directory.Write("rules.yml", rule.Manifest["spec"]!.ToJsonString());

        var check = await ExternalCommand.RunAsync(promtool, ["check", "rules", file], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(check.ExitCode == 0, $"promtool check rules on the PrometheusRule of {HelmChart.Describe(valueSet)}: {check}");
        Assert.Contains($"SUCCESS: {ShippedAlerts.All.Count + RecordingRules()} rules found", check.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The defaults install where the Prometheus Operator is not: its objects, rules and dashboards are opt-in.</summary>
    [Fact]
    public async Task The_default_values_render_no_Operator_objects()
    {
        var objects = await HelmChart.ObjectsAsync("");

        Assert.DoesNotContain(objects, o => HelmChart.Str(o.Manifest, "apiVersion").StartsWith("monitoring.coreos.com/", StringComparison.Ordinal));
        Assert.Equal(["ConfigMap", "Deployment", "PodDisruptionBudget", "Service"], objects.Select(o => o.Kind).Order(StringComparer.Ordinal));
    }

    /// <summary>The dashboards ConfigMap holds each shipped dashboard under its file name, for Grafana's sidecar.</summary>
    [Theory]
    [InlineData("ci/prober-values.yaml")]
    [InlineData("ci/both-values.yaml")]
    public async Task The_dashboards_ConfigMap_holds_the_shipped_dashboards_labelled_for_Grafanas_sidecar(string valueSet)
    {
        var configMap = HelmChart.One(await HelmChart.ObjectsAsync(valueSet), "ConfigMap", "dashboards");
        string runbook = (await HelmChart.ValuesAsync(valueSet))["runbookBaseUrl"]!.ToString();
        var data = configMap.Manifest["data"]!.AsObject();

        Assert.Equal("1", HelmChart.Label(configMap.Manifest, "grafana_dashboard"));
        Assert.Equal(DashboardFiles.Names, data.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        foreach (string name in DashboardFiles.Names)
        {
            Assert.True(
                DashboardFiles.Text(name).Replace(ShippedRunbook, runbook, StringComparison.Ordinal) == data[name]!.ToString(),
                $"{name} in the ConfigMap of {HelmChart.Describe(valueSet)} is not dashboards/{name} with the runbook base {runbook}");
        }
    }

    [Theory]
    [MemberData(nameof(HelmChart.All), MemberType = typeof(HelmChart))]
    public async Task Every_exporter_links_the_runbook_base_of_values(string valueSet)
    {
        var objects = await HelmChart.ObjectsAsync(valueSet);
        string runbook = (await HelmChart.ValuesAsync(valueSet))["runbookBaseUrl"]!.ToString();

        foreach (var (_, pod) in HelmChart.PodSpecs(objects))
        {
            Assert.Contains($"--web.runbook-url={runbook}", pod["containers"]![0]!["args"]!.AsArray().Select(arg => arg!.ToString()));
        }
    }

    /// <summary>
    /// A Probe relabels as examples/prometheus/probe.yml: its host and port rules are the example's, and the
    /// Operator writes the example's other rules (__param_target, instance, __address__) for every static target.
    /// </summary>
    [Fact]
    public async Task Probes_relabel_as_examples_prometheus_probe_yml()
    {
        var probes = (await HelmChart.ObjectsAsync("ci/prober-values.yaml")).Where(o => o.Kind == "Probe").ToList();
        var example = ExampleRelabelling("examples/prometheus/probe.yml", "relabel_configs");

        Assert.Equal(2, probes.Count);
        foreach (var probe in probes)
        {
            var rules = probe.Manifest["spec"]!["targets"]!["staticConfig"]!["relabelingConfigs"]!.AsArray().Select(Rule);
            Assert.Equal(example.Where(rule => !OperatorProbeLabels.Contains(rule.TargetLabel)), rules);
        }
    }

    /// <summary>
    /// A ServiceMonitor of a target list relabels each endpoint as examples/prometheus/probe.yml does (params give
    /// __param_target), adds the list's labels, and sends every pod's endpoint to the Service, without pod labels,
    /// so that Prometheus keeps one scrape per target.
    /// </summary>
    [Fact]
    public async Task Target_list_ServiceMonitors_relabel_as_examples_prometheus_probe_yml()
    {
        var objects = await HelmChart.ObjectsAsync("ci/both-values.yaml");
        var monitor = Assert.Single(objects, o => o.Kind == "ServiceMonitor" && o.Name.EndsWith("-nodes", StringComparison.Ordinal));
        var service = HelmChart.One(objects, "Service");
        string address = $"{service.Name}.{HelmChart.Str(service.Manifest["metadata"], "namespace")}.svc:9722";
        var example = ExampleRelabelling("examples/prometheus/probe.yml", "relabel_configs")
            .Where(rule => rule.TargetLabel != "__param_target")
            .Select(rule => rule.TargetLabel == "__address__" ? rule with { Replacement = address } : rule)
            .ToList();
        example.Insert(example.Count - 1, new RelabelRule("", "", "lab", "env", ""));
        example.Insert(example.Count - 1, new RelabelRule("", "pod|container", "", "", "labeldrop"));

        var endpoints = monitor.Manifest["spec"]!["endpoints"]!.AsArray();

        Assert.Equal(["node-1:22", "node-2:22"], endpoints.Select(e => e!["params"]!["target"]![0]!.ToString()));
        Assert.All(endpoints, endpoint =>
        {
            Assert.Equal("/probe", HelmChart.Str(endpoint, "path"));
            Assert.Equal(example, endpoint!["relabelings"]!.AsArray().Select(Rule));
        });
    }

    /// <summary>The exporter's own ServiceMonitor turns configured targets' `target` label into host and port as examples/prometheus/metrics.yml does.</summary>
    [Fact]
    public async Task The_exporters_own_ServiceMonitor_relabels_metrics_as_examples_prometheus_metrics_yml()
    {
        var objects = await HelmChart.ObjectsAsync("ci/both-values.yaml");
        var monitor = Assert.Single(objects, o => o.Kind == "ServiceMonitor" && HelmChart.Str(o.Manifest["spec"]!["endpoints"]![0], "path") == "/metrics");

        var rules = monitor.Manifest["spec"]!["endpoints"]![0]!["metricRelabelings"]!.AsArray().Select(Rule);

        Assert.Equal(ExampleRelabelling("examples/prometheus/metrics.yml", "metric_relabel_configs"), rules);
    }

    /// <summary>The sidecars' `host` is the node's name (or IP), which the prober's targets must name alike.</summary>
    [Fact]
    public async Task The_sidecars_PodMonitor_takes_host_from_the_node()
    {
        using var directory = new TempDirectory();
        string byAddress = directory.Write("by-address.yaml", "sidecar: {podMonitor: {hostFrom: __meta_kubernetes_pod_host_ip}}\n");

        RelabelRule HostRule(IEnumerable<RenderedObject> objects) =>
            Assert.Single(HelmChart.One(objects, "PodMonitor").Manifest["spec"]!["podMetricsEndpoints"]![0]!["relabelings"]!.AsArray().Select(Rule));

        Assert.Equal(new RelabelRule("__meta_kubernetes_pod_node_name", "", "", "host", ""), HostRule(await HelmChart.ObjectsAsync("ci/sidecar-values.yaml")));
        Assert.Equal(new RelabelRule("__meta_kubernetes_pod_host_ip", "", "", "host", ""), HostRule(await HelmChart.ObjectsAsync("ci/sidecar-values.yaml", byAddress)));
    }

    /// <summary>One relabelling rule, in either spelling: Prometheus's (source_labels) or the Operator's (sourceLabels).</summary>
    private sealed record RelabelRule(string SourceLabels, string Regex, string Replacement, string TargetLabel, string Action);

    private static RelabelRule Rule(JsonNode? rule) => new(
        string.Join(',', rule?["sourceLabels"]?.AsArray().Select(label => label!.ToString()) ?? []),
        HelmChart.Str(rule, "regex"),
        HelmChart.Str(rule, "replacement"),
        HelmChart.Str(rule, "targetLabel"),
        HelmChart.Str(rule, "action"));

    /// <summary>The rules under <paramref name="key"/> of the only scrape job of an example Prometheus config.</summary>
    private static List<RelabelRule> ExampleRelabelling(string example, string key)
    {
        var job = Assert.Single(YamlFile.Load(RepositoryRoot.Combine(example)).Mappings("scrape_configs"));
        return
        [
            .. job.Mappings(key).Select(rule => new RelabelRule(
                rule.Children.TryGetValue("source_labels", out var labels) ? string.Join(',', ((YamlSequenceNode)labels).Children.Select(l => ((YamlScalarNode)l).Value)) : "",
                rule.Text("regex") ?? "",
                rule.Text("replacement") ?? "",
                rule.Text("target_label") ?? "",
                rule.Text("action") ?? "")),
        ];
    }

    private static int RecordingRules() =>
        ShippedAlerts.Rules(YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.RuleFile))).Count(rule => rule.Text("record") is not null);
}
