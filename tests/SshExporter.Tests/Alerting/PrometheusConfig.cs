using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// prometheus.yml for the alerting environment: the /probe job of examples/prometheus/probe.yml and the sidecar
/// job of examples/prometheus/sidecar.yml, their relabelling verbatim, at the test's intervals, with the scaled
/// rules and the test's Alertmanager.
/// </summary>
public static class PrometheusConfig
{
    public static string Build(
        string rulesFile, string alertmanager, string centralExporter, IEnumerable<string> probeTargets, IEnumerable<string> sidecarTargets) =>
        ExamplePrometheusConfig.Build(
            [ExamplePrometheusConfig.Job("probe.yml", probeTargets, centralExporter), ExamplePrometheusConfig.Job("sidecar.yml", sidecarTargets)],
            AlertingTiming.ScrapeInterval, AlertingTiming.ScrapeTimeout, AlertingTiming.EvaluationInterval, rulesFile, alertmanager);
}
