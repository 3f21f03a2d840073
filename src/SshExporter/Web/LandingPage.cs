using System.Net;
using System.Text;
using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Metrics;
using SshExporter.Sidecar;

namespace SshExporter.Web;

/// <summary><c>GET /</c>: what this exporter is, what it probes, and a form to probe one target with debug output.</summary>
public static class LandingPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, ConfigStore store, SharedSidecarRun shared, ExporterOptions options)
    {
        var config = store.Current;
        // The local checks' latest shared run, a few seconds old at most: page views never run them each.
        var sidecar = config.Sidecar.Enabled ? await SidecarEndpoint.ForPageAsync(config, shared, context.RequestAborted) : null;
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>SSH Exporter</title>
            <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}
            table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}pre{white-space:pre-wrap}</style></head>
            <body><h1>SSH Exporter</h1>
            <p>Tells apart the ways an SSH port fails: refused, timed out, silent, closed, reset, or not SSH at all.</p>
            <ul>
            <li><a href="metrics">Metrics</a>: the exporter's own metrics and a fresh probe of every configured target</li>
            {{DebugLink(config)}}<li><a href="config">Configuration</a> (loaded from {{Encode(config.Source)}})</li>
            <li><a href="sidecar">Local checks of sshd</a> (sidecar mode: {{(config.Sidecar.Enabled ? "on" : "off")}})</li>
            <li><a href="-/healthy">Health</a> · <a href="-/ready">Readiness</a></li>
            </ul>
            <h2>Probe a target</h2>
            <form action="probe" method="get">
            <label>Target <input name="target" placeholder="host:port" required></label>
            <label>Module <select name="module">
            """);
        foreach (string module in config.Modules.Keys.Order(StringComparer.Ordinal))
        {
            html.Append($"<option>{Encode(module)}</option>");
        }

        html.Append("""
            </select></label>
            <input type="hidden" name="debug" value="true"><button type="submit">Probe</button></form>
            <h2>Configured targets</h2><table><tr><th>target</th><th>module</th><th>labels</th></tr>
            """);
        foreach (var target in config.Targets)
        {
            string labels = string.Join(", ", target.Labels.Select(l => $"{l.Key}={l.Value}"));
            html.Append($"<tr><td>{Encode(target.Address.ToString())}</td><td>{Encode(target.Module)}</td><td>{Encode(labels)}</td></tr>");
        }

        html.Append("</table>");
        if (sidecar is { } checks)
        {
            html.Append("<h2>Local checks of sshd</h2><pre>");
            html.Append(SidecarReportText.Render(checks, options.Runbook, Encode, url => $"<a href=\"{Encode(url)}\">{Encode(url)}</a>"));
            html.Append("</pre>");
        }

        html.Append($"<p>ssh_exporter {Encode(ExporterMetrics.Version)}</p></body></html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>A debug probe of the first configured target, with its module; none when no target is configured.</summary>
    private static string DebugLink(ExporterConfig config) => config.Targets is [var target, ..]
        ? $"<li><a href=\"{Encode($"probe?target={Uri.EscapeDataString(target.Address.ToString())}&module={Uri.EscapeDataString(target.Module)}&debug=true")}\">Probe {Encode(target.Address.ToString())} with debug output</a></li>\n"
        : "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
