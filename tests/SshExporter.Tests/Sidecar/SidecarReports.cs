using System.Net;
using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Listener;
using SshExporter.Sidecar.Service;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Tests.Sidecar;

/// <summary>
/// Sidecar reports built by hand, for the writers that turn a report into metrics or text: one where every check
/// looked and found nothing wrong, which a test changes with <c>with</c> to the case it is about.
/// </summary>
internal static class SidecarReports
{
    public const int Port = 22;
    public const string HostKey = "/etc/ssh/ssh_host_ed25519_key";

    public static SidecarReport Healthy() => new(
        new ParsedSshdConfig("/etc/ssh/sshd_config", [Port], [Port], [], [HostKey], true, "/run/sshd.pid", ["/etc/ssh/sshd_config"], [], CheckStatus.Ran()),
        [Port],
        ServiceReport.Running(ServiceMethod.PidFile, "pid 812 is sshd"),
        new SshdConfigValidity(true, null, CheckStatus.Ran()),
        new HostKeyReport([new HostKeyStatus("ed25519", HostKey, true, "present")], CheckStatus.Ran()),
        Listening(Port, new ListeningSocket(IPAddress.Any, Port, 1001, new SocketOwner(812, "sshd"))),
        new FirewallReport([Firewall(FirewallBackends.Iptables, FirewallVerdict.Allowed)]),
        [new LocalProbe(Port, Probe(ProbeOutcome.Success))],
        new Dictionary<string, TimeSpan>());

    /// <summary>A listener check that ran and found <paramref name="sockets"/> on the one watched <paramref name="port"/>.</summary>
    public static ListenerReport Listening(int port, params ListeningSocket[] sockets) =>
        new(CheckStatus.Ran(), sockets, [new PortListeners(port, sockets)]);

    public static FirewallBackendReport Firewall(string backend, FirewallVerdict verdict) =>
        new(backend, CheckStatus.Ran(), [new PortDecision(Port, verdict, $"policy {verdict.ToString().ToUpperInvariant()} (filter INPUT)", [])]);

    public static ProbeResult Probe(ProbeOutcome outcome) =>
        new(outcome, null, IPAddress.Loopback, TimeSpan.FromMilliseconds(3), TimeSpan.FromSeconds(2), [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero]);
}
