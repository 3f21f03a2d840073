using System.Text;
using SshExporter.Probing;
using SshExporter.Sidecar.Service;

namespace SshExporter.Sidecar;

/// <summary>The sidecar report for a person on call: each check, what it found, and what to do next.</summary>
public static class SidecarReportText
{
    public static string Render(SidecarReport report, string logExcerpt)
    {
        var text = new StringBuilder();
        void Line(string check, string finding)
        {
            var status = report.Statuses.GetValueOrDefault(check);
            text.Append($"{check,-12} {(status.CouldRun ? finding : "could not look: " + status.Detail)}\n");
        }

        Line(SidecarChecks.Service, report.Service.Active
            ? $"sshd is running ({report.Service.Method.ToLabel()}: {report.Service.Detail})"
            : $"sshd is NOT running ({report.Service.Detail}); start it: systemctl start ssh");
        Line(SidecarChecks.Config, $"{report.Config.ConfigPath} makes sshd listen on port(s) {string.Join(", ", report.Config.Ports)}"
            + (report.Config.Problems.Count > 0 ? $"; problems: {string.Join("; ", report.Config.Problems)}" : ""));
        Line(SidecarChecks.ConfigValid, report.Validity.Valid
            ? "sshd -t accepts the configuration"
            : $"sshd -t REJECTS the configuration: {report.Validity.FirstErrorLine}");
        Line(SidecarChecks.HostKeys, string.Join("; ", report.HostKeys.Keys.Select(k => k.Present ? $"{k.Type} {k.Path} present" : $"{k.Type} {k.Path} MISSING ({k.Reason}); fix: ssh-keygen -A")));
        Line(SidecarChecks.Listener, string.Join("; ", report.Ports.Select(port => report.Listener.ForPort(port) is { Listening: true } listening
            ? $"port {port} listening on {string.Join(", ", listening.Addresses)}" + (listening.Owners.Count > 0 ? $" by {string.Join(", ", listening.Owners)}" : "")
            : $"port {port} NOT listening")));
        Line(SidecarChecks.Firewall, string.Join("; ", report.Firewall.Backends.Select(b => b.Status.CouldRun
            ? $"{b.Backend}: {string.Join(", ", b.Ports.Select(p => p.ToString()))}"
            : $"{b.Backend}: could not look ({b.Status.Detail})")));
        Line(SidecarChecks.LocalProbe, string.Join("; ", report.LocalProbes.Select(p => $"{(p.Result.IpProtocol == 6 ? "[::1]" : "127.0.0.1")}:{p.Port} {p.Result.Outcome.ToLabel()}")));
        text.Append("\nRecent sshd log lines:\n").Append(logExcerpt);
        return text.ToString();
    }
}
