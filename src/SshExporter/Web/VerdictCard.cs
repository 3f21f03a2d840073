using System.Text;
using SshExporter.Diagnosis;
using static SshExporter.Web.Html;

namespace SshExporter.Web;

/// <summary>
/// One verdict as a coloured card: its state and name, the sentence that names the cause, the commands that confirm
/// and fix it, its runbook section, and the evidence folded away; then <c>meta</c>, a line of HTML about where it came from.
/// </summary>
internal static class VerdictCard
{
    /// <param name="html">The page it is appended to.</param>
    /// <param name="name">What it is about: a target's address, or "local sshd".</param>
    /// <param name="verdict">The verdict, or null when nothing has been looked at yet.</param>
    /// <param name="healthy">The sentence for a healthy verdict.</param>
    /// <param name="meta">HTML: when and from what it was judged, with links.</param>
    public static void Append(StringBuilder html, string name, Verdict? verdict, string healthy, string meta)
    {
        var state = verdict?.State ?? VerdictState.Unknown;
        string label = verdict is null ? "Not probed yet" : state.Label();
        html.Append($"<section class=\"verdict {state.ToString().ToLowerInvariant()}\"><h3><span class=\"state\">{label}</span> {Encode(name)}</h3>\n");
        if (verdict?.Headline is { } headline)
        {
            html.Append($"<p class=\"sentence\">{Encode(headline.Summary)}</p>\n");
            if (headline.FixHint is { } hint)
            {
                html.Append($"<p>{Encode(hint)}</p>\n");
            }

            Commands(html, "Confirm", headline.Confirm);
            Commands(html, "Fix", headline.Fix);
            html.Append($"<p><a class=\"runbook\" href=\"{Encode(headline.RunbookUrl)}\">Runbook: {Encode(headline.AlertName)}</a></p>\n");
            Evidence(html, headline.Evidence);
            Others(html, verdict.Findings.Skip(1).ToList());
        }
        else if (verdict is null)
        {
            html.Append("<p class=\"sentence\">Not probed yet: its verdict comes with the next scrape of <a href=\"metrics\">/metrics</a>.</p>\n");
        }
        else if (state == VerdictState.Healthy)
        {
            html.Append($"<p class=\"sentence\">{Encode(healthy)}</p>\n");
            Others(html, verdict.Findings);
        }
        else
        {
            html.Append($"<p class=\"sentence\">{VerdictWording.NothingToJudge}</p>\n");
        }

        html.Append($"<p class=\"meta\">{meta}</p></section>\n");
    }

    private static void Commands(StringBuilder html, string label, IReadOnlyList<string> commands)
    {
        if (commands.Count > 0)
        {
            html.Append($"<p class=\"label\">{label}:</p><pre><code>{Encode(string.Join('\n', commands))}</code></pre>\n");
        }
    }

    private static void Evidence(StringBuilder html, IReadOnlyList<string> evidence)
    {
        if (evidence.Count > 0)
        {
            html.Append("<details><summary>Evidence</summary><ul>");
            foreach (string fact in evidence)
            {
                html.Append($"<li>{Encode(fact)}</li>");
            }

            html.Append("</ul></details>\n");
        }
    }

    /// <summary>The findings besides the headline: lesser ones, or notes on a healthy target.</summary>
    private static void Others(StringBuilder html, IReadOnlyList<Finding> findings)
    {
        if (findings.Count > 0)
        {
            html.Append($"<details><summary>Also found ({findings.Count})</summary><ul>");
            foreach (var finding in findings)
            {
                html.Append($"<li>{Encode(finding.Summary)} <a href=\"{Encode(finding.RunbookUrl)}\">Runbook: {Encode(finding.AlertName)}</a></li>");
            }

            html.Append("</ul></details>\n");
        }
    }
}
