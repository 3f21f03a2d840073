using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;
using SshExporter.Sidecar;

namespace SshExporter.Web;

/// <summary>
/// <c>GET /metrics</c>: the exporter's own metrics and a fresh probe of every configured target, run
/// concurrently, so that a scrape takes about one probe's time however many targets there are.
/// </summary>
public static class MetricsEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context, ConfigStore store, ProbePipeline pipeline, ScrapeScheduler scheduler, SharedSidecarRun sidecar, ExporterOptions options, TimeProvider time)
    {
        long start = time.GetTimestamp();
        var config = store.Current;
        if (!ScrapeBudget.TryParse(context.Request.Headers[ScrapeBudget.Header], options.TimeoutOffset, out var budget, out string error))
        {
            return ProbeEndpoint.BadRequest(error);
        }

        // The local checks run beside the remote probes, not after them.
        var sidecarReport = config.Sidecar.Enabled
            ? CollectSidecarAsync(sidecar, config, budget, context.RequestAborted)
            : Task.FromResult<SidecarReport?>(null);

        var results = new ProbeResults([ProbeFamilies.TargetLabelName, .. config.TargetLabelNames], config.Targets.Count);
        await ProbeWork.RunAsync(() => scheduler.RunAsync(
            [.. config.Targets.Select(target => Job(target, config, budget))],
            budget.Total,
            // A probe may wait for a socket only as long as its whole timeout still fits in what is left of the scrape.
            (job, cancellationToken) => ProbeOrLeaveOutAsync(
                pipeline, job with { SlotWait = ProbeJob.SlotWaitWithin(budget.Total - time.GetElapsedTime(start), job.Timeout) }, results, cancellationToken),
            context.RequestAborted));

        var own = new RegistryExposition(Prometheus.Metrics.DefaultRegistry);
        if (await sidecarReport is not { } report)
        {
            return new ExpositionResult(own, results);
        }

        var sidecarRegistry = Prometheus.Metrics.NewCustomRegistry();
        new SidecarMetricsWriter(sidecarRegistry).Write(report);
        return new ExpositionResult(own, results, new RegistryExposition(sidecarRegistry));
    }

    /// <summary>
    /// A probe the exporter could not make from its side leaves the target out of this scrape: no series rather than
    /// an outcome it did not have. The pipeline has counted and logged it already.
    /// </summary>
    private static async Task ProbeOrLeaveOutAsync(ProbePipeline pipeline, ProbeJob job, ProbeResults results, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.RunAsync(job, results, trace: null, cancellationToken);
        }
        catch (LocalProbeFailureException)
        {
        }
    }

    /// <summary>A configured target's probe: its module's timeout within the budget, its series labelled by target and configured labels.</summary>
    private static ProbeJob Job(TargetConfig target, ExporterConfig config, ScrapeBudget budget)
    {
        var module = config.Modules[target.Module];
        string[] labels = [target.Address.ToString(), .. config.TargetLabelNames.Select(name => target.Labels.GetValueOrDefault(name, ""))];
        return new ProbeJob(target.Address, target.Module, module, budget.TimeoutFor(module.Timeout), labels) { HostKeyPins = target.HostKeyPins };
    }

    private static async Task<SidecarReport?> CollectSidecarAsync(
        SharedSidecarRun sidecar, ExporterConfig config, ScrapeBudget budget, CancellationToken cancellationToken)
    {
        var module = config.Modules[config.Sidecar.LocalProbeModule];
        // Shared with page views and other scrapes; null (no sidecar series) when the exporter was too busy to look.
        return await sidecar.ForScrapeAsync(config.Sidecar, module, budget.TimeoutFor(module.Timeout), budget.Total, cancellationToken);
    }
}
