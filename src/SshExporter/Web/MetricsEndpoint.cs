using SshExporter.Cli;
using SshExporter.Config;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Sidecar;

namespace SshExporter.Web;

/// <summary>
/// <c>GET /metrics</c>: the exporter's own metrics and a fresh probe of every configured target, run
/// concurrently, so that a scrape takes about one probe's time however many targets there are.
/// </summary>
public static class MetricsEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context, ConfigStore store, SshProber prober, SidecarCollector sidecar, ExporterOptions options, TimeProvider time)
    {
        var config = store.Current;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var writer = new ProbeMetricsWriter(registry, ["target", .. config.TargetLabelNames]);
        string? scrapeTimeout = context.Request.Headers[ProbeTimeout.ScrapeTimeoutHeader];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ProbeConcurrency, CancellationToken = context.RequestAborted };

        // The whole scrape's budget (no module caps it): with more targets than run at once, the later
        // probes get only what is left of it, so the answer still arrives before Prometheus gives up.
        if (!ProbeTimeout.TryCompute(scrapeTimeout, TimeSpan.Zero, options.TimeoutOffset, out var budget, out string timeoutError))
        {
            return ProbeEndpoint.BadRequest(timeoutError);
        }

        long start = time.GetTimestamp();

        // The local checks run beside the remote probes, not after them.
        var sidecarReport = config.Sidecar.Enabled
            ? CollectSidecarAsync(sidecar, config, scrapeTimeout, options, context.RequestAborted)
            : Task.FromResult<SidecarReport?>(null);

        await Parallel.ForEachAsync(config.Targets, parallel, async (target, cancellationToken) =>
        {
            var module = config.Modules[target.Module];
            ProbeTimeout.TryCompute(scrapeTimeout, module.Timeout, options.TimeoutOffset, out var timeout, out _);
            var left = budget - time.GetElapsedTime(start);
            timeout = left < timeout ? TimeSpan.FromMilliseconds(Math.Max(1, left.TotalMilliseconds)) : timeout;
            var result = await prober.ProbeAsync(target.Address, module, timeout, trace: null, cancellationToken);
            ExporterMetrics.CountProbe(result.Outcome);
            writer.Write(result, [target.Address.ToString(), .. config.TargetLabelNames.Select(name => target.Labels.GetValueOrDefault(name, ""))]);
        });

        if (await sidecarReport is { } report)
        {
            new SidecarMetricsWriter(registry).Write(report);
        }

        return new ExpositionResult(Prometheus.Metrics.DefaultRegistry, registry);
    }

    private static async Task<SidecarReport?> CollectSidecarAsync(
        SidecarCollector sidecar, ExporterConfig config, string? scrapeTimeout, ExporterOptions options, CancellationToken cancellationToken)
    {
        var module = config.Modules[config.Sidecar.LocalProbeModule];
        ProbeTimeout.TryCompute(scrapeTimeout, module.Timeout, options.TimeoutOffset, out var timeout, out _);
        return await sidecar.CollectAsync(config.Sidecar, module, timeout, cancellationToken);
    }
}
