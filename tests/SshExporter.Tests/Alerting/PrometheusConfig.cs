using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// prometheus.yml for the alerting environment: the /probe job of examples/prometheus/probe.yml and the sidecar
/// job of examples/prometheus/sidecar.yml, their relabelling verbatim, at the test's intervals, with the scaled
/// rules and the test's Alertmanager.
/// </summary>
public static class PrometheusConfig
{
    private const string ProbeExample = "probe.yml";
    private const string SidecarExample = "sidecar.yml";

    /// <summary>The sidecar job's name, as its series' <c>job</c> label carries it.</summary>
    public static string SidecarJob => ExamplePrometheusConfig.JobName(SidecarExample);

    public static string Build(
        string rulesFile, string alertmanager, string centralExporter, IEnumerable<string> probeTargets, IEnumerable<string> sidecarTargets) =>
        ExamplePrometheusConfig.Build(
            [ExamplePrometheusConfig.Job(ProbeExample, probeTargets, centralExporter), ExamplePrometheusConfig.Job(SidecarExample, sidecarTargets)],
            AlertingTiming.ScrapeInterval, AlertingTiming.ScrapeTimeout, AlertingTiming.EvaluationInterval, rulesFile, alertmanager);
}
