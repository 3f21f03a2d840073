using Prometheus;
using SshExporter.Probing;

namespace SshExporter.Metrics;

/// <summary>The exporter's own metrics, on prometheus-net's default registry beside its process metrics.</summary>
public static class ExporterMetrics
{
    public static string Version => BuildInfo.Version;

    private static readonly Counter ProbesTotal;
    private static readonly Counter ProbesSkipped;
    private static readonly Gauge ReloadSuccessful;
    private static readonly Gauge ReloadSuccessTimestamp;

    static ExporterMetrics()
    {
        // The .NET meters and event counters add hundreds of series nobody alerts on; prometheus-net's process
        // metrics have other names than every other exporter's, so ProcessMetrics replaces them.
        Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = true,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressMeters = true,
        });

        var factory = Prometheus.Metrics.DefaultFactory;
        ProcessMetrics.Register(factory, Prometheus.Metrics.DefaultRegistry);
        factory.CreateGauge(
                "ssh_exporter_build_info",
                "A metric with a constant '1' value labelled by the version, revision, branch and runtime ssh_exporter was built with.",
                "version", "revision", "branch", "runtime")
            .WithLabels(BuildInfo.Version, BuildInfo.Revision, BuildInfo.Branch, BuildInfo.Runtime)
            .Set(1);

        // No exemplars: prometheus-net would attach the HTTP request's trace id to this counter in OpenMetrics.
        ProbesTotal = factory.CreateCounter("ssh_exporter_probes_total", "Probes run since start, by outcome.", new CounterConfiguration
        {
            LabelNames = ["outcome"],
            ExemplarBehavior = ExemplarBehavior.NoExemplars(),
        });
        foreach (var outcome in ProbeOutcomes.All)
        {
            ProbesTotal.WithLabels(outcome.ToLabel());
        }

        ProbesSkipped = factory.CreateCounter(
            "ssh_exporter_probes_skipped_total",
            "Targets of /metrics scrapes left unprobed: a probe slot came free too late for their timeout to fit in the scrape's time.",
            new CounterConfiguration { ExemplarBehavior = ExemplarBehavior.NoExemplars() });

        ReloadSuccessful = factory.CreateGauge(
            "ssh_exporter_config_last_reload_successful", "Whether the last configuration reload attempt was successful.");
        ReloadSuccessTimestamp = factory.CreateGauge(
            "ssh_exporter_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.");
    }

    public static void CountProbe(ProbeOutcome outcome) => ProbesTotal.WithLabels(outcome.ToLabel()).Inc();

    public static void CountSkipped(int targets) => ProbesSkipped.Inc(targets);

    public static void ConfigLoaded(DateTimeOffset at)
    {
        ReloadSuccessful.Set(1);
        ReloadSuccessTimestamp.Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    public static void ConfigRejected() => ReloadSuccessful.Set(0);
}
