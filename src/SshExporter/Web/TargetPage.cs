using System.Text;
using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Probing;
using SshExporter.Recent;
using SshExporter.Sidecar;
using static SshExporter.Web.Html;

namespace SshExporter.Web;

/// <summary><c>GET /target?address=HOST:PORT[&amp;module=NAME]</c>: one target's verdict and its recent probes; it never probes.</summary>
public static class TargetPage
{
    public static async Task<IResult> RenderAsync(
        HttpContext context, ConfigStore store, SharedSidecarRun shared, ExporterOptions options, RecentProbes probes, TimeProvider time)
    {
        var config = store.Current;
        string address = context.Request.Query["address"].FirstOrDefault() ?? "";
        if (!TargetAddress.TryParse(address, out var target, out string error))
        {
            return ProbeEndpoint.BadRequest($"invalid address: {error}");
        }

        string key = target!.ToString();
        string module = context.Request.Query["module"].FirstOrDefault() is { Length: > 0 } m
            ? m
            : config.Targets.FirstOrDefault(t => t.Address == target)?.Module ?? ExporterConfig.DefaultModuleName;
        if (!config.Modules.ContainsKey(module))
        {
            // The page shows the module's name: only one of the config's, never whatever the link said.
            return ProbeEndpoint.BadRequest($"unknown module {InputExcerpt.Quote(module)}");
        }

        var kept = probes.Newest().Where(probe => probe.Target == key).ToList();
        bool configured = config.Targets.Any(t => t.Address == target && t.Module == module);
        if (!configured && kept.Count == 0)
        {
            return Results.Text("not a configured target, and no probe of it is kept\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var sidecar = config.Sidecar.Enabled ? await SidecarEndpoint.ForPageAsync(config, shared, context.RequestAborted) : null;
        var html = new StringBuilder();
        html.Append($"<h1>{Encode(key)}</h1>\n<p><a href=\"./\">SSH Exporter</a></p>\n");
        html.Append(RefreshNote(context, "target"));
        LandingPage.TargetCard(html, PageVerdicts.ForTarget(target, module, probes, sidecar?.Reading.Report, options.Runbook), time);
        html.Append($"<h2>Recent probes of {Encode(key)}</h2>\n");
        RecentProbesTable.Append(html, kept);
        return Page(context, $"{key}: SSH Exporter", html.ToString(), refresh: true);
    }
}
