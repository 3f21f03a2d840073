using Prometheus;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;

namespace SshExporter.Metrics;

/// <summary>The exporter's own metrics, on prometheus-net's default registry beside its process metrics.</summary>
public static class ExporterMetrics
{
    public static string Version => BuildInfo.Version;

    private static readonly Counter ProbesTotal;
    private static readonly Counter ProbesSkipped;
    private static readonly Counter LocalFailuresTotal;
    private static readonly Gauge SocketsLimit;
    private static readonly Gauge SocketsInUse;
    private static SocketBudget? _trackedSockets;
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

        LocalFailuresTotal = factory.CreateCounter(
            "ssh_exporter_probe_local_failures_total",
            "Probes the exporter could not make from its own side, by reason; no outcome was reported for their targets.",
            new CounterConfiguration { LabelNames = ["reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        foreach (var reason in LocalFailures.All)
        {
            LocalFailuresTotal.WithLabels(reason.ToLabel());
        }

        SocketsLimit = factory.CreateGauge("ssh_exporter_probe_sockets_limit", "How many probe sockets may be open at once (--probe.max-sockets).");
        SocketsInUse = factory.CreateGauge("ssh_exporter_probe_sockets_in_use", "Probe sockets open now, waiting-to-close ones included.");
        // Read at each scrape rather than updated on every acquire and release, which would cost the hot path.
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            if (Volatile.Read(ref _trackedSockets) is { } sockets)
            {
                SocketsLimit.Set(sockets.Limit);
                SocketsInUse.Set(sockets.InUse);
            }
        });

        ReloadSuccessful = factory.CreateGauge(
            "ssh_exporter_config_last_reload_successful", "Whether the last configuration reload attempt was successful.");
        ReloadSuccessTimestamp = factory.CreateGauge(
            "ssh_exporter_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.");
    }

    public static void CountProbe(ProbeOutcome outcome) => ProbesTotal.WithLabels(outcome.ToLabel()).Inc();

    public static void CountSkipped(int targets) => ProbesSkipped.Inc(targets);

    public static void CountLocalFailure(LocalFailure reason) => LocalFailuresTotal.WithLabels(reason.ToLabel()).Inc();

    /// <summary>The budget the socket gauges report: the server's one (the last one given, where tests start several).</summary>
    public static void TrackSockets(SocketBudget sockets) => Volatile.Write(ref _trackedSockets, sockets);

    public static void ConfigLoaded(DateTimeOffset at)
    {
        ReloadSuccessful.Set(1);
        ReloadSuccessTimestamp.Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    public static void ConfigRejected() => ReloadSuccessful.Set(0);
}
