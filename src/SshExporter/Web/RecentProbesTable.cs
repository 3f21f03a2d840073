using System.Text;
using SshExporter.Probing;
using SshExporter.Recent;
using static SshExporter.Web.Html;

namespace SshExporter.Web;

/// <summary>Recent probes as blackbox_exporter lists them: time, target, module, outcome (Failure in bold), duration, log.</summary>
internal static class RecentProbesTable
{
    public static void Append(StringBuilder html, IReadOnlyList<ProbeRecord> probes)
    {
        if (probes.Count == 0)
        {
            html.Append("<p>No probe yet.</p>\n");
            return;
        }

        html.Append("<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Time (UTC)</th><th scope=\"col\">Target</th><th scope=\"col\">Module</th>"
            + "<th scope=\"col\">Outcome</th><th scope=\"col\">Duration</th><th scope=\"col\">Log</th></tr></thead><tbody>\n");
        foreach (var probe in probes)
        {
            string outcome = probe.Result.Success
                ? $"Success ({probe.Result.Outcome.ToLabel()})"
                : $"<strong class=\"fail\">Failure</strong> ({Encode(Failure(probe.Result))})";
            html.Append($"<tr><td>{Time(probe.Started)}</td><td><a href=\"target?address={Query(probe.Target)}&amp;module={Query(probe.Module)}\">{Encode(probe.Target)}</a></td>"
                + $"<td>{Encode(probe.Module)}</td><td>{outcome}</td><td>{Seconds(probe.Result.Duration)}</td>"
                + $"<td><a href=\"probe-log?id={probe.Id}\">log #{probe.Id}</a></td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>The outcome, or the host key check that failed a probe whose outcome was success.</summary>
    private static string Failure(ProbeResult result) =>
        result.Outcome == ProbeOutcome.Success ? "host key check failed" : result.Outcome.ToLabel();
}
