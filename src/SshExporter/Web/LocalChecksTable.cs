using System.Text;
using SshExporter.Runbook;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using static SshExporter.Web.Html;

namespace SshExporter.Web;

/// <summary>
/// The local checks as a short table (check, verdict, evidence, fix), then how old they are and sshd's log lines, or
/// why those are not shown. Firewall backends that are not installed are folded away: nft is absent from many hosts,
/// and three lines about missing tools beside "sshd is NOT running" only distract.
/// </summary>
internal static class LocalChecksTable
{
    /// <param name="html">The page it is appended to.</param>
    /// <param name="result">The shared run's result.</param>
    /// <param name="healthy">The local sshd's verdict is healthy: a check without an alert is then simply ok.</param>
    /// <param name="runbook">Where the fixes are explained.</param>
    public static void Append(StringBuilder html, SharedSidecarResult result, bool healthy, RunbookLinks runbook)
    {
        var report = result.Reading.Report;
        html.Append("<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Verdict</th>"
            + "<th scope=\"col\">Evidence</th><th scope=\"col\">Fix</th></tr></thead><tbody>\n");
        foreach (var outcome in report.Checks)
        {
            var status = outcome.Result.Status;
            var alerts = SidecarReportText.Alerts(outcome, report);
            string verdict = !status.CouldRun ? "<strong class=\"fail\">could not look</strong>"
                : alerts.Count > 0 ? "<strong class=\"fail\">fault</strong>"
                : healthy ? "ok" : "no alert of its own";
            string fix = string.Join(" ", alerts.Select(alert => $"<a href=\"{Encode(runbook.Url(alert))}\">{Encode(alert)}</a>"));
            html.Append($"<tr><td>{Encode(outcome.Check)}</td><td>{verdict}</td><td>{Evidence(outcome.Result)}</td><td>{fix}</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        html.Append($"<p class=\"meta\">{Encode(SidecarReportText.Checked(result.Age).Trim())}</p>\n");
        html.Append(result.Reading.SshdLog is { } log
            ? $"<details open><summary>Recent sshd log lines</summary><pre>{Encode(log)}</pre></details>\n"
            : $"<p class=\"meta\">{Encode(SidecarReportText.LogNotShown.Trim())}</p>\n");
    }

    private static string Evidence(CheckResult result)
    {
        if (!result.Status.CouldRun)
        {
            return Encode(result.Status.Detail);
        }

        if (result is not FirewallResult firewall)
        {
            return Encode(result.Describe());
        }

        var installed = firewall.Report.Backends.Where(backend => !backend.ToolMissing).ToList();
        var missing = firewall.Report.Backends.Where(backend => backend.ToolMissing).ToList();
        string evidence = installed.Count == 0
            ? "no firewall tool installed"
            : Encode((firewall with { Report = firewall.Report with { Backends = installed } }).Describe());
        if (missing.Count > 0)
        {
            evidence += $"<details><summary>not installed: {Encode(string.Join(", ", missing.Select(backend => backend.Backend)))}</summary><ul>"
                + string.Concat(missing.Select(backend => $"<li>{Encode(backend.Backend)}: {Encode(backend.Status.Detail)}</li>"))
                + "</ul></details>";
        }

        return evidence;
    }
}
