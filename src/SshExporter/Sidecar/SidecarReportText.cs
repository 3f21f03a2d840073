using System.Text;
using SshExporter.Probing;
using SshExporter.Runbook;
using SshExporter.Sidecar.Service;

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

    /// <summary>The check lines, each with the runbook sections for what it found wrong.</summary>
    public static IReadOnlyList<SidecarReportLine> Lines(SidecarReport report, RunbookLinks runbook)
    {
        var lines = new List<SidecarReportLine>();
        // With sshd down, nothing listening and a failed local probe follow from it: the service line names the cause.
        bool sshdDown = report.Service.Status.CouldRun && !report.Service.Active;
        void Line(string check, string finding, params string?[] alerts)
        {
            var status = report.Statuses.GetValueOrDefault(check);
            lines.Add(status.CouldRun
                ? new SidecarReportLine($"{check,-12} {finding}", [.. alerts.OfType<string>().Distinct().Select(runbook.Url)])
                : new SidecarReportLine($"{check,-12} could not look: {status.Detail}", [runbook.Url(RunbookLinks.Alert(SidecarFinding.CheckCouldNotLook))]));
        }

        Line(SidecarChecks.Service, report.Service.Active
            ? $"sshd is running ({report.Service.Method.ToLabel()}: {report.Service.Detail})"
            : $"sshd is NOT running ({report.Service.Detail}); start it: systemctl start ssh",
            report.Service.Active ? null : RunbookLinks.Alert(SidecarFinding.ServiceNotRunning));
        Line(SidecarChecks.Config, $"{report.Config.ConfigPath} makes sshd listen on port(s) {string.Join(", ", report.Config.Ports)}"
            + (report.Config.Problems.Count > 0 ? $"; problems: {string.Join("; ", report.Config.Problems)}" : ""));
        Line(SidecarChecks.ConfigValid, report.Validity.Valid
            ? "sshd -t accepts the configuration"
            : $"sshd -t REJECTS the configuration: {report.Validity.FirstErrorLine}",
            report.Validity.Valid ? null : RunbookLinks.Alert(SidecarFinding.ConfigInvalid));
        Line(SidecarChecks.HostKeys, string.Join("; ", report.HostKeys.Keys.Select(k => k.Present ? $"{k.Type} {k.Path} present" : $"{k.Type} {k.Path} MISSING ({k.Reason}); fix: ssh-keygen -A")),
            report.HostKeys.Keys.All(k => k.Present) ? null : RunbookLinks.Alert(SidecarFinding.HostKeyMissing));
        Line(SidecarChecks.Listener, string.Join("; ", report.Ports.Select(port => report.Listener.ForPort(port) is { Listening: true } listening
            ? $"port {port} listening on {string.Join(", ", listening.Addresses)}" + (listening.Owners.Count > 0 ? $" by {string.Join(", ", listening.Owners)}" : "")
            : $"port {port} NOT listening")),
            sshdDown || report.Ports.All(port => report.Listener.ForPort(port)?.Listening == true) ? null : RunbookLinks.Alert(SidecarFinding.PortNotListening));
        Line(SidecarChecks.Firewall, string.Join("; ", report.Firewall.Backends.Select(b => b.Status.CouldRun
            ? $"{b.Backend}: {string.Join(", ", b.Ports.Select(p => p.ToString()))}"
            : $"{b.Backend}: could not look ({b.Status.Detail})")),
            [.. FirewallAlerts(report)]);
        Line(SidecarChecks.LocalProbe, string.Join("; ", report.LocalProbes.Select(p => $"{(p.Result.IpProtocol == 6 ? "[::1]" : "127.0.0.1")}:{p.Port} {p.Result.Outcome.ToLabel()}")),
            sshdDown ? [] : [.. report.LocalProbes.Select(p => RunbookLinks.LocalProbeAlert(p.Result.Outcome))]);
        return lines;
    }

    /// <summary>
    /// A port a backend blocks, and a backend that is installed but could not be read: that one has its own
    /// <c>sshd_check_success{check="firewall_BACKEND"}</c> and so its own alert. A backend not installed is no fault.
    /// </summary>
    private static IEnumerable<string> FirewallAlerts(SidecarReport report)
    {
        if (report.Firewall.Backends.Any(b => b.Ports.Any(p => !p.Allowed)))
        {
            yield return RunbookLinks.Alert(SidecarFinding.FirewallBlocks);
        }

        if (report.Firewall.Backends.Any(b => !b.Status.CouldRun && !b.ToolMissing))
        {
            yield return RunbookLinks.Alert(SidecarFinding.CheckCouldNotLook);
        }
    }
}
