using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Probing;
using SshExporter.Probing.Restriction;
using SshExporter.Probing.Sockets;
using SshExporter.Reporting;

namespace SshExporter.Web;

/// <summary>
/// <c>GET /probe?target=HOST:PORT&amp;module=NAME[&amp;debug=true]</c>: one probe, run now, its series alone. A probe
/// the exporter could not make from its own side is HTTP 503, so that Prometheus's <c>up</c> shows the exporter's
/// failure instead of an outcome the target did not have.
/// </summary>
public static class ProbeEndpoint
{
    /// <summary>When a refused client may try again: slots come free as fast as probes end.</summary>
    private const string RetryAfterSeconds = "1";

    public static async Task<IResult> HandleAsync(HttpContext context, ConfigStore config, ProbePipeline pipeline, ExporterOptions options, TimeProvider time)
    {
        var query = context.Request.Query;
        string moduleName = query["module"].FirstOrDefault() is { Length: > 0 } m ? m : ExporterConfig.DefaultModuleName;
        // Two values would reach the parser joined by a comma; name the real mistake instead.
        if (query["target"].Count > 1)
        {
            return BadRequest("target parameter is given more than once");
        }

        if (!ScrapeBudget.TryParse(context.Request.Headers[ScrapeBudget.Header], options.TimeoutOffset, out var budget, out string error)
            || !ProbeJob.TryCreate(query["target"], moduleName, config.Current.Modules, budget, out var job, out error))
        {
            return BadRequest(error);
        }

        // Refused at once rather than queued behind many others for a slot that would hardly come in time.
        if (pipeline.Sockets.QueueIsFull)
        {
            Metrics.ExporterMetrics.CountLocalFailure(LocalFailure.SocketLimit);
            return Unavailable(LocalFailure.SocketLimit, "too many probes are waiting for a socket");
        }

        bool debug = string.Equals(query["debug"], "true", StringComparison.OrdinalIgnoreCase);
        var trace = debug ? new ProbeTrace(time) : null;
        (ProbeResult Result, Metrics.ProbeResults Series) probed;
        try
        {
            Task<(ProbeResult, Metrics.ProbeResults)> Probe() => pipeline.RunAloneAsync(job!, trace, context.RequestAborted);
            // In a burst, the probe waits its turn beside the other probes rather than ahead of /-/healthy.
            probed = await (ProbeWork.PoolIsBacklogged ? ProbeWork.RunAsync(Probe) : Probe());
        }
        catch (TargetRefusedException e)
        {
            return Forbidden(job!, e);
        }
        catch (LocalProbeFailureException e)
        {
            return Unavailable(e.Reason, e.Reason.Describe());
        }

        var (result, series) = probed;
        return debug
            ? Results.Text(await DebugReport.RenderAsync(trace!, series, job!, options.Runbook.For(result.Outcome)), "text/plain; charset=utf-8")
            : new ExpositionResult(series);
    }

    /// <summary>HTTP 503 with a one-line reason that names the exporter's side; <c>Retry-After</c> when waiting may help.</summary>
    private static IResult Unavailable(LocalFailure reason, string description)
    {
        var answer = Results.Text($"the prober could not probe from its side: {description} ({reason.ToLabel()})\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        return reason == LocalFailure.SocketLimit ? new WithRetryAfter(answer) : answer;
    }

    private sealed class WithRetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>HTTP 400 with the reason as one line of plain text, as blackbox_exporter answers.</summary>
    public static IResult BadRequest(string reason) => Results.Text(reason + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>HTTP 403 when the module's <c>allowed_targets</c> refuses the target: the exporter's answer, never a probe outcome.</summary>
    private static IResult Forbidden(ProbeJob job, TargetRefusedException refusal) =>
        Results.Text(job.Refusal(refusal) + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
}
