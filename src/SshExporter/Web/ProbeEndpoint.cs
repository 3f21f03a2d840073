using SshExporter.Cli;
using SshExporter.Config;
using SshExporter.Metrics;
using SshExporter.Probing;

namespace SshExporter.Web;

/// <summary><c>GET /probe?target=HOST:PORT&amp;module=NAME[&amp;debug=true]</c>: one probe, run now, in a fresh registry.</summary>
public static class ProbeEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context, ConfigStore config, SshProber prober, ExporterOptions options, TimeProvider time, ILogger<SshProber> logger)
    {
        var query = context.Request.Query;
        if (!TargetAddress.TryParse(query["target"], out var target, out string targetError))
        {
            return BadRequest(query["target"].Count == 0 ? "target parameter is missing" : $"invalid target: {targetError}");
        }

        string moduleName = query["module"].FirstOrDefault() is { Length: > 0 } m ? m : ExporterConfig.DefaultModuleName;
        if (!config.Current.Modules.TryGetValue(moduleName, out var module))
        {
            return BadRequest($"unknown module '{Sanitise(moduleName)}'");
        }

        if (!ProbeTimeout.TryCompute(context.Request.Headers[ProbeTimeout.ScrapeTimeoutHeader], module.Timeout, options.TimeoutOffset, out var timeout, out string timeoutError))
        {
            return BadRequest(timeoutError);
        }

        bool debug = string.Equals(query["debug"], "true", StringComparison.OrdinalIgnoreCase);
        var trace = debug ? new ProbeTrace(time) : null;
        var result = await prober.ProbeAsync(target!, module, timeout, trace, context.RequestAborted);
        ExporterMetrics.CountProbe(result.Outcome);
        Log.ProbeFinished(logger, target!, moduleName, result.Outcome, result.Duration.TotalSeconds);

        var registry = Prometheus.Metrics.NewCustomRegistry();
        new ProbeMetricsWriter(registry, []).Write(result);
        return debug
            ? Results.Text(await DebugReport.RenderAsync(trace!, registry, moduleName, module, options.Runbook.For(result.Outcome)), "text/plain; charset=utf-8")
            : new ExpositionResult(registry);
    }

    /// <summary>HTTP 400 with the reason as one line of plain text, as blackbox_exporter answers.</summary>
    public static IResult BadRequest(string reason) => Results.Text(reason + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    // The module name goes back to the client inside an error; keep it short and printable.
    private static string Sanitise(string text) =>
        new(text.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
