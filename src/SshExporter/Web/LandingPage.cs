using System.Text;
using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Recent;
using SshExporter.Sidecar;
using static SshExporter.Web.Html;

namespace SshExporter.Web;

/// <summary>
/// <c>GET /</c>, the page on-call opens: a verdict per configured target and for the local sshd first, then the recent
/// probes and runs, the local checks, a form to probe one target, the configured targets and the endpoints.
/// It reloads itself once asked (<c>?refresh=on</c>) and never probes: the verdicts come from the latest probes kept
/// and the shared local checks.
/// </summary>
public static class LandingPage
{
    /// <summary>Above this many healthy targets, they are folded away so that the faults stay on the first screen.</summary>
    private const int HealthyCardsShown = 12;

    public static async Task<IResult> RenderAsync(
        HttpContext context, ConfigStore store, SharedSidecarRun shared, ExporterOptions options, RecentProbes probes, RecentSidecarRuns runs, TimeProvider time)
    {
        var config = store.Current;
        // The local checks' latest shared run, a few seconds old at most: page views never run them each.
        var sidecar = config.Sidecar.Enabled ? await SidecarEndpoint.ForPageAsync(config, shared, context.RequestAborted) : null;
        var localVerdict = sidecar is null ? null : PageVerdicts.ForLocalSshd(sidecar.Reading.Report, options.Runbook);
        var html = new StringBuilder();
        html.Append("<h1>SSH Exporter</h1>\n<p>Tells apart the ways an SSH port fails: refused, timed out, silent, closed, reset, or not SSH at all.</p>\n");
        html.Append(RefreshNote(context, "./"));
        html.Append("<h2>Verdicts</h2>\n");
        if (sidecar is { } local)
        {
            VerdictCard.Append(html, "local sshd", localVerdict, Diagnosis.VerdictWording.HealthyLocalSshd,
                $"From the local checks, {Encode(SidecarReportText.Checked(local.Age).Trim())}. <a href=\"sidecar\">Full report</a>");
        }

        AppendTargets(html, config, probes, sidecar?.Reading.Report, options, time);
        html.Append("<h2>Recent probes</h2>\n");
        RecentProbesTable.Append(html, probes.Newest());
        if (sidecar is { } checks)
        {
            html.Append("<h2>Local checks of sshd</h2>\n");
            LocalChecksTable.Append(html, checks, localVerdict?.State == Diagnosis.VerdictState.Healthy, options.Runbook);
            SidecarRunsTable.Append(html, runs.Newest());
        }

        AppendForm(html, config);
        AppendConfiguredTargets(html, config);
        html.Append($"""
            <h2>Endpoints</h2>
            <ul>
            <li><a href="metrics">Metrics</a>: the exporter's own metrics and a fresh probe of every configured target</li>
            {DebugLink(config)}<li><a href="config">Configuration</a> (loaded from {Encode(config.Source)})</li>
            <li><a href="sidecar">Local checks of sshd</a> (sidecar mode: {(config.Sidecar.Enabled ? "on" : "off")})</li>
            <li><a href="-/healthy">Health</a> · <a href="-/ready">Readiness</a></li>
            </ul>
            <p>ssh_exporter {Encode(ExporterMetrics.Version)}</p>

            """);
        return Page(context, "SSH Exporter", html.ToString(), refresh: true);
    }

    private static void AppendTargets(StringBuilder html, ExporterConfig config, RecentProbes probes, SidecarReport? local, ExporterOptions options, TimeProvider time)
    {
        var verdicts = config.Targets
            .Select(target => PageVerdicts.ForTarget(target.Address, target.Module, probes, local, options.Runbook))
            .OrderBy(PageVerdicts.Urgency)
            .ToList();
        var healthy = verdicts.Where(v => PageVerdicts.Urgency(v) == 3).ToList();
        bool fold = healthy.Count > HealthyCardsShown;
        foreach (var target in fold ? verdicts.Except(healthy) : verdicts)
        {
            TargetCard(html, target, time);
        }

        if (fold)
        {
            html.Append($"<details><summary>{healthy.Count} healthy targets</summary>\n");
            foreach (var target in healthy)
            {
                TargetCard(html, target, time);
            }

            html.Append("</details>\n");
        }
    }

    /// <summary>A target's card, with where its verdict came from and links to its log and its page.</summary>
    internal static void TargetCard(StringBuilder html, TargetVerdict target, TimeProvider time)
    {
        string page = $"<a href=\"target?address={Query(target.Address.ToString())}&amp;module={Query(target.Module)}\">All its recent probes</a>";
        string meta = target.Probe is { } probe
            ? $"Module {Encode(target.Module)}; last probe at {Time(probe.Started)} UTC ({Ago(time, probe.Started)}): {Encode(probe.Result.Outcome.ToLabel())} in {Seconds(probe.Result.Duration)}. "
                + $"<a href=\"probe-log?id={probe.Id}\">Its log</a> · {page}"
            : $"Module {Encode(target.Module)}. {page}";
        VerdictCard.Append(html, target.Address.ToString(), target.Verdict, target.Probe is { } p ? Diagnosis.VerdictWording.HealthyTarget(p.Result) : "", meta);
    }

    private static void AppendForm(StringBuilder html, ExporterConfig config)
    {
        html.Append("""
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

            """);
    }

    private static void AppendConfiguredTargets(StringBuilder html, ExporterConfig config)
    {
        html.Append("<h2>Configured targets</h2><div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">target</th><th scope=\"col\">module</th><th scope=\"col\">labels</th></tr></thead><tbody>\n");
        foreach (var target in config.Targets)
        {
            string labels = string.Join(", ", target.Labels.Select(l => $"{l.Key}={l.Value}"));
            html.Append($"<tr><td>{Encode(target.Address.ToString())}</td><td>{Encode(target.Module)}</td><td>{Encode(labels)}</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>A debug probe of the first configured target, with its module; none when no target is configured.</summary>
    private static string DebugLink(ExporterConfig config) => config.Targets is [var target, ..]
        ? $"<li><a href=\"{Encode($"probe?target={Uri.EscapeDataString(target.Address.ToString())}&module={Uri.EscapeDataString(target.Module)}&debug=true")}\">Probe {Encode(target.Address.ToString())} with debug output</a></li>\n"
        : "";
}
