using System.Text;
using SshExporter.Diagnosis;
using SshExporter.Recent;
using static SshExporter.Web.Html;

namespace SshExporter.Web;

/// <summary>Recent runs of the local checks: time, verdict, duration, and a link to each run's check lines.</summary>
internal static class SidecarRunsTable
{
    public static void Append(StringBuilder html, IReadOnlyList<SidecarRunRecord> runs)
    {
        if (runs.Count == 0)
        {
            html.Append("<p>No run of the local checks yet.</p>\n");
            return;
        }

        html.Append("<details><summary>Recent runs of the local checks (")
            .Append(runs.Count)
            .Append(")</summary><div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Time (UTC)</th><th scope=\"col\">Verdict</th>"
                + "<th scope=\"col\">Duration</th><th scope=\"col\">Log</th></tr></thead><tbody>\n");
        foreach (var run in runs)
        {
            string verdict = run.State is VerdictState.Critical or VerdictState.Warning
                ? $"<strong class=\"fail\">{run.State.Label()}</strong> ({Encode(run.Outcome)})"
                : Encode(run.Outcome);
            html.Append($"<tr><td>{Time(run.Started)}</td><td>{verdict}</td><td>{Seconds(run.Duration)}</td><td><a href=\"sidecar-log?id={run.Id}\">log #{run.Id}</a></td></tr>\n");
        }

        html.Append("</tbody></table></div></details>\n");
    }
}
