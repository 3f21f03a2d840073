using Prometheus;
using SshExporter.Metrics;

namespace SshExporter.Probing;

/// <summary>
/// Every probe the exporter runs goes through here, for <c>/probe</c>, <c>/metrics</c> and the <c>probe</c>
/// command alike: probe with the job's timeout, count the outcome (<c>ssh_exporter_probes_total</c>), log it at
/// debug level, and write its series.
/// </summary>
public sealed class ProbePipeline(SshProber prober, ILogger<ProbePipeline> logger, Recent.RecentProbes? recent = null)
{
    /// <summary>The prober that names this exporter in the identification it sends.</summary>
    public static SshProber CreateProber(TimeProvider time) => new(time, $"ssh_exporter_{ExporterMetrics.Version}");

    public async Task<ProbeResult> RunAsync(ProbeJob job, ProbeMetricsWriter writer, ProbeTrace? trace, CancellationToken cancellationToken)
    {
        trace ??= recent?.NewTrace();
        var result = await prober.ProbeAsync(job.Target, job.Module, job.Timeout, trace, cancellationToken, job.HostKeyPins);
        recent?.Add(job, result, trace);
        ExporterMetrics.CountProbe(result.Outcome);
        Log.ProbeFinished(logger, job.Target, job.ModuleName, result.Outcome, result.Duration.TotalSeconds);
        writer.Write(result, job.SeriesLabels);
        return result;
    }

    /// <summary>One probe whose series are the only ones of a fresh registry, as <c>/probe</c> and the debug report show them.</summary>
    public async Task<(ProbeResult Result, CollectorRegistry Registry)> RunAloneAsync(ProbeJob job, ProbeTrace? trace, CancellationToken cancellationToken)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var result = await RunAsync(job, new ProbeMetricsWriter(registry, []), trace, cancellationToken);
        return (result, registry);
    }
}
