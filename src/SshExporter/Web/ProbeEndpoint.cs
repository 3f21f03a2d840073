using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Probing;
using SshExporter.Probing.Restriction;
using SshExporter.Reporting;

namespace SshExporter.Web;

/// <summary><c>GET /probe?target=HOST:PORT&amp;module=NAME[&amp;debug=true]</c>: one probe, run now, in a fresh registry.</summary>
public static class ProbeEndpoint
{
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

        bool debug = string.Equals(query["debug"], "true", StringComparison.OrdinalIgnoreCase);
        var trace = debug ? new ProbeTrace(time) : null;
        ProbeResult result;
        Prometheus.CollectorRegistry registry;
        try
        {
            (result, registry) = await pipeline.RunAloneAsync(job!, trace, context.RequestAborted);
        }
        catch (TargetRefusedException e)
        {
            return Forbidden(job!, e);
        }

        return debug
            ? Results.Text(await DebugReport.RenderAsync(trace!, registry, job!, options.Runbook.For(result.Outcome)), "text/plain; charset=utf-8")
            : new ExpositionResult(registry);
    }

    /// <summary>HTTP 400 with the reason as one line of plain text, as blackbox_exporter answers.</summary>
    public static IResult BadRequest(string reason) => Results.Text(reason + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>HTTP 403 when the module's <c>allowed_targets</c> refuses the target: the exporter's answer, never a probe outcome.</summary>
    private static IResult Forbidden(ProbeJob job, TargetRefusedException refusal) =>
        Results.Text(job.Refusal(refusal) + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
}
