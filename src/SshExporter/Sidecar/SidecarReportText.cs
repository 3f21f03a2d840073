using System.Globalization;
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

    /// <summary>Takes the place of sshd's log when the config does not show it.</summary>
    public const string LogNotShown =
        "\nsshd's log lines are not shown: they hold user names, client addresses and key fingerprints, and this page answers"
        + " anyone who reaches the port. To show them here, set 'show_sshd_log: true' in the 'sidecar:' section of the configuration.\n";

    /// <summary>The report as plain text, as <c>/sidecar</c> serves it.</summary>
    public static string Render(SharedSidecarResult result, RunbookLinks runbook) =>
        Render(result, runbook, text => text, url => url);

    /// <summary>
    /// The report with every piece of text passed through <paramref name="encode"/> and each runbook URL, and
    /// only those, through <paramref name="link"/>, which gets the URL as it is and must encode it itself. The
    /// landing page makes the URLs links this way; the log excerpt holds what remote clients sent (user names),
    /// which must stay text.
    /// </summary>
    public static string Render(
        SharedSidecarResult result, RunbookLinks runbook, Func<string, string> encode, Func<string, string> link)
    {
        var text = new StringBuilder();
        AppendChecks(text, result.Reading.Report, runbook, encode, link);
        text.Append(encode(Checked(result.Age)));
        text.Append(result.Reading.SshdLog is { } log ? encode(LogHeading) + encode(log) : encode(LogNotShown));
        return text.ToString();
    }

    /// <summary>The check lines alone, each followed by its runbook lines, as plain text: what <c>diagnose</c> prints.</summary>
    public static string Checks(SidecarReport report, RunbookLinks runbook)
    {
        var text = new StringBuilder();
        AppendChecks(text, report, runbook, line => line, url => url);
        return text.ToString();
    }

    private static void AppendChecks(StringBuilder text, SidecarReport report, RunbookLinks runbook, Func<string, string> encode, Func<string, string> link)
    {
        foreach (var line in Lines(report, runbook))
        {
            text.Append(encode(line.Text)).Append('\n');
            foreach (string url in line.RunbookUrls)
            {
                text.Append(encode(RunbookPrefix)).Append(link(url)).Append('\n');
            }
        }
    }

    /// <summary>How old the result is: page views share one run of the checks, so it can be a few seconds old.</summary>
    public static string Checked(TimeSpan age) =>
        string.Create(CultureInfo.InvariantCulture, $"\nchecked {Math.Max(0, (long)age.TotalSeconds)} s ago (page views share one run of the checks for up to {SharedSidecarRun.PageMaxAge.TotalSeconds:0} s)\n");

    /// <summary>
    /// The check lines, each with the runbook sections for what it found wrong. A check that could not look says
    /// why, and links the section about checks that fail.
    /// </summary>
    public static IReadOnlyList<SidecarReportLine> Lines(SidecarReport report, RunbookLinks runbook) =>
    [
        .. report.Checks.Select(outcome => new SidecarReportLine(
            outcome.Result.Status.CouldRun ? $"{outcome.Check,-12} {outcome.Result.Describe()}" : $"{outcome.Check,-12} could not look: {outcome.Result.Status.Detail}",
            [.. Alerts(outcome, report).Select(runbook.Url)])),
    ];

    /// <summary>
    /// The alerts whose runbook sections cover what one check found wrong (none when all is well), or, when it could not
    /// look, the one about checks that cannot look.
    /// </summary>
    public static IReadOnlyList<string> Alerts(CheckOutcome outcome, SidecarReport report) => outcome.Result.Status.CouldRun
        ? [.. outcome.Result.Alerts(report).Distinct()]
        : [RunbookLinks.Alert(SidecarFinding.CheckCouldNotLook)];
}
