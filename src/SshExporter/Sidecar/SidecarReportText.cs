using System.Text;
using SshExporter.Runbook;

namespace SshExporter.Sidecar;

/// <summary>One check's line of the report, and the runbook sections for what it found wrong (none when all is well).</summary>
public sealed record SidecarReportLine(string Text, IReadOnlyList<string> RunbookUrls);

/// <summary>The sidecar report for a person on call: each check, what it found, and what to do next.</summary>
public static class SidecarReportText
{
    /// <summary>Starts the line under a check that names a runbook section.</summary>
    private const string RunbookPrefix = "  runbook: ";

    /// <summary>Comes between the checks and sshd's log.</summary>
    private const string LogHeading = "\nRecent sshd log lines:\n";

    /// <summary>The report as plain text, as <c>/sidecar</c> serves it.</summary>
    public static string Render(SidecarReport report, string logExcerpt, RunbookLinks runbook) =>
        Render(report, logExcerpt, runbook, text => text, url => url);

    /// <summary>
    /// The report with every piece of text passed through <paramref name="encode"/> and each runbook URL, and
    /// only those, through <paramref name="link"/>, which gets the URL as it is and must encode it itself. The
    /// landing page makes the URLs links this way; the log excerpt holds what remote clients sent (user names),
    /// which must stay text.
    /// </summary>
    public static string Render(
        SidecarReport report, string logExcerpt, RunbookLinks runbook, Func<string, string> encode, Func<string, string> link)
    {
        var text = new StringBuilder();
        foreach (var line in Lines(report, runbook))
        {
            text.Append(encode(line.Text)).Append('\n');
            foreach (string url in line.RunbookUrls)
            {
                text.Append(encode(RunbookPrefix)).Append(link(url)).Append('\n');
            }
        }

        text.Append(encode(LogHeading)).Append(encode(logExcerpt));
        return text.ToString();
    }

    /// <summary>
    /// The check lines, each with the runbook sections for what it found wrong. A check that could not look says
    /// why, and links the section about checks that fail.
    /// </summary>
    public static IReadOnlyList<SidecarReportLine> Lines(SidecarReport report, RunbookLinks runbook) =>
    [
        .. report.Checks.Select(outcome => outcome.Result.Status.CouldRun
            ? new SidecarReportLine($"{outcome.Check,-12} {outcome.Result.Describe()}", [.. outcome.Result.Alerts(report).Distinct().Select(runbook.Url)])
            : new SidecarReportLine($"{outcome.Check,-12} could not look: {outcome.Result.Status.Detail}", [runbook.Url(RunbookLinks.Alert(SidecarFinding.CheckCouldNotLook))])),
    ];
}
