using SshExporter.Metrics;
using SshExporter.Probing.Restriction;
using SshExporter.Probing.Sockets;

namespace SshExporter.Probing;

/// <summary>
/// Every probe the exporter runs goes through here, for <c>/probe</c>, <c>/metrics</c> and the <c>probe</c>
/// command alike: probe with the job's timeout, count the outcome (<c>ssh_exporter_probes_total</c>), log it at
/// debug level, and gather its result for the exposition. Two kinds of probe have no outcome, write no series and throw on to the caller,
/// which answers for them: a target its module's <c>allowed_targets</c> refuses (<see cref="TargetRefusedException"/>,
/// logged at debug, counted nowhere), and a probe that could not be made from this side
/// (<see cref="LocalProbeFailureException"/>, logged as a warning, counted in <c>ssh_exporter_probe_local_failures_total</c>).
/// </summary>
public sealed class ProbePipeline(SshProber prober, ILogger<ProbePipeline> logger, Recent.RecentProbes? recent = null)
{
    /// <summary>The prober that names this exporter in the identification it sends, drawing on <paramref name="sockets"/>.</summary>
    public static SshProber CreateProber(TimeProvider time, SocketBudget sockets) => new(time, $"ssh_exporter_{ExporterMetrics.Version}", sockets);

    /// <summary>The budget of probe sockets this pipeline's probes draw on.</summary>
    public SocketBudget Sockets => prober.Sockets;

    public async Task<ProbeResult> RunAsync(ProbeJob job, ProbeResults results, ProbeTrace? trace, CancellationToken cancellationToken)
    {
        // Every probe keeps its steps for the pages: which probes are among the last to end is known only once they
        // have ended. The steps cost about a tenth of what a probe allocates (1.3 of 14 KB).
        trace ??= recent?.NewTrace();
        ProbeResult result;
        try
        {
            result = await prober.ProbeAsync(job.Target, job.Module, job.Timeout, trace, cancellationToken, job.HostKeyPins, job.Restriction, job.SlotWait);
        }
        catch (TargetRefusedException e)
        {
            Log.ProbeRefused(logger, job.Target, job.ModuleName, e.Rule);
            throw;
        }
        catch (LocalProbeFailureException e)
        {
            ExporterMetrics.CountLocalFailure(e.Reason);
            if (logger.IsEnabled(LogLevel.Debug))
            {
#pragma warning disable CA1873 // evaluated only when debug is on: the check above
                Log.LocalProbeFailure(logger, job.Target, job.ModuleName, e.Reason.ToLabel(), e.Reason.Describe());
#pragma warning restore CA1873
            }

            throw;
        }

        recent?.Add(job, result, trace);
        ExporterMetrics.CountProbe(result.Outcome);
        Log.ProbeFinished(logger, job.Target, job.ModuleName, result.Outcome, result.Duration.TotalSeconds);
        results.Add(result, job.SeriesLabels);
        return result;
    }

    /// <summary>One probe whose series are the only ones of its exposition, without target labels, as <c>/probe</c> and the debug report show them.</summary>
    public async Task<(ProbeResult Result, ProbeResults Series)> RunAloneAsync(ProbeJob job, ProbeTrace? trace, CancellationToken cancellationToken)
    {
        var series = new ProbeResults([], capacity: 1);
        var result = await RunAsync(job, series, trace, cancellationToken);
        return (result, series);
    }
}
