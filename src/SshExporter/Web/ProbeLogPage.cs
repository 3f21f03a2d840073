using SshExporter.Diagnosis;
using SshExporter.Hosting;
using SshExporter.Probing;
using SshExporter.Recent;
using static SshExporter.Web.Html;

namespace SshExporter.Web;

/// <summary><c>GET /probe-log?id=N</c> and <c>GET /sidecar-log?id=N</c>: one kept probe's or run's step-by-step log.</summary>
public static class ProbeLogPage
{
    public static IResult Probe(HttpContext context, RecentProbes probes, ExporterOptions options)
    {
        if (Id(context) is not { } id || probes.Find(id) is not { } probe)
        {
            return Gone($"that probe is no longer kept: the last {RecentProbes.Capacity} probes are");
        }

        string runbook = options.Runbook.For(probe.Result.Outcome) is { } url ? $"<p><a href=\"{Encode(url)}\">Runbook: {Encode(url)}</a></p>\n" : "";
        string body = $"""
            <h1>Probe #{probe.Id}: {Encode(probe.Target)}</h1>
            <p><a href="./">SSH Exporter</a> · <a href="target?address={Query(probe.Target)}&amp;module={Query(probe.Module)}">{Encode(probe.Target)}</a></p>
            <p>Started {Time(probe.Started)} UTC with module {Encode(probe.Module)}; outcome {Encode(probe.Result.Outcome.ToLabel())}{(probe.Result.Success ? "" : " (failure)")} in {Seconds(probe.Result.Duration)}.</p>
            {runbook}<h2>Log</h2>
            <pre>{Encode(probe.Log ?? "")}</pre>

            """;
        return Page(context, $"Probe #{probe.Id}: SSH Exporter", body);
    }

    public static IResult SidecarRun(HttpContext context, RecentSidecarRuns runs)
    {
        if (Id(context) is not { } id || runs.Find(id) is not { } run)
        {
            return Gone($"that run is no longer kept: the last {RecentSidecarRuns.Capacity} runs are");
        }

        string body = $"""
            <h1>Local checks, run #{run.Id}</h1>
            <p><a href="./">SSH Exporter</a> · <a href="sidecar">The latest report</a></p>
            <p>Started {Time(run.Started)} UTC, took {Seconds(run.Duration)}: {Encode(run.State.Label())} ({Encode(run.Outcome)}).</p>
            <h2>Checks</h2>
            <pre>{Encode(run.Log)}</pre>

            """;
        return Page(context, $"Local checks #{run.Id}: SSH Exporter", body);
    }

    private static long? Id(HttpContext context) =>
        long.TryParse(context.Request.Query["id"].FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id) ? id : null;

    private static IResult Gone(string reason) => Results.Text(reason + "\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
