using System.Net;
using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Listener;
using SshExporter.Sidecar.Service;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Tests.Sidecar;

/// <summary>
/// Sidecar reports built by hand, for the writers that turn a report into metrics or text: one where every check
/// looked and found nothing wrong, which a test changes to the case it is about with
/// <see cref="SidecarReport.With"/>.
/// </summary>
internal static class SidecarReports
{
    public const int Port = 22;
    public const string HostKey = "/etc/ssh/ssh_host_ed25519_key";

    public static SidecarReport Healthy() => new(
    [
        Outcome(SidecarChecks.Service, Service(ServiceReport.Running(ServiceMethod.PidFile, "pid 812 is sshd"))),
        Outcome(SidecarChecks.Config, new ConfigResult(
            new ParsedSshdConfig("/etc/ssh/sshd_config", [Port], [Port], [], [HostKey], true, "/run/sshd.pid", ["/etc/ssh/sshd_config"], [], CheckStatus.Ran()),
            [Port])),
        Outcome(SidecarChecks.ConfigValid, new ConfigValidResult(new SshdConfigValidity(true, null, CheckStatus.Ran()))),
        Outcome(SidecarChecks.HostKeys, new HostKeysResult(new HostKeyReport([new HostKeyStatus("ed25519", HostKey, true, "present")], CheckStatus.Ran()))),
        Outcome(SidecarChecks.Listener, Listening(Port, new ListeningSocket(IPAddress.Any, Port, 1001, new SocketOwner(812, "sshd")))),
        Outcome(SidecarChecks.Firewall, new FirewallResult(new FirewallReport([Firewall(FirewallBackends.Iptables, FirewallVerdict.Allowed)]))),
        Outcome(SidecarChecks.LocalProbe, LocalProbes(ProbeOutcome.Success)),
    ]);

    public static ServiceResult Service(ServiceReport report) => new(report, "/usr/sbin/sshd");

    public static LocalProbeResult LocalProbes(ProbeOutcome outcome) => new([new LocalProbe(Port, Probe(outcome))]);

    /// <summary>A listener check that ran and found <paramref name="sockets"/> on the one watched <paramref name="port"/>.</summary>
    public static ListenerResult Listening(int port, params ListeningSocket[] sockets) =>
        new(new ListenerReport(CheckStatus.Ran(), sockets, [new PortListeners(port, sockets)]));

    public static FirewallBackendReport Firewall(string backend, FirewallVerdict verdict) =>
        new(backend, CheckStatus.Ran(), [new PortDecision(Port, verdict, $"policy {verdict.ToString().ToUpperInvariant()} (filter INPUT)", [])]);

    public static ProbeResult Probe(ProbeOutcome outcome) =>
        new(outcome, null, IPAddress.Loopback, TimeSpan.FromMilliseconds(3), TimeSpan.FromSeconds(2), [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero]);

    private static CheckOutcome Outcome(string check, CheckResult result) => new(check, result, TimeSpan.Zero);
}
