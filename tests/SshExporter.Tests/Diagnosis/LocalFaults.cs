using System.Net;
using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Listener;
using SshExporter.Sidecar.Service;
using SshExporter.Sidecar.SshdConfig;
using SshExporter.Tests.Sidecar;

namespace SshExporter.Tests.Diagnosis;

/// <summary>
/// What the sidecar's checks find on a server with one fault, by a short name for the verdict table: each changes
/// <see cref="SidecarReports.Healthy"/> in every check the fault shows in (sshd stopped: the service, the listener
/// and the loopback probe), so that faults combine by applying one after another.
/// </summary>
internal static class LocalFaults
{
    private const int Port = SidecarReports.Port;

    private static readonly Dictionary<string, Func<SidecarReport, SidecarReport>> Faults = new()
    {
        ["healthy"] = report => report,
        ["stopped"] = report => report
            .With(SidecarReports.Service(new ServiceReport(CheckStatus.Ran("ssh.service is inactive (dead)"), false, ServiceMethod.Systemd, "ssh.service is inactive (dead)", "ssh.service")))
            .With(SidecarReports.Listening(Port))
            .With(SidecarReports.LocalProbes(ProbeOutcome.Refused)),
        ["keys missing"] = report => report.With(new HostKeysResult(new HostKeyReport([new HostKeyStatus("ed25519", SidecarReports.HostKey, false, "no such file")], CheckStatus.Ran()))),
        ["config invalid"] = report => report.With(new ConfigValidResult(new SshdConfigValidity(false, "/etc/ssh/sshd_config line 3: Bad configuration option: Prot", CheckStatus.Ran()))),
        // sshd moved to a port the sidecar does not watch: nothing on 22, and loopback refused there.
        ["moved"] = report => report.With(SidecarReports.Listening(Port)).With(SidecarReports.LocalProbes(ProbeOutcome.Refused)),
        ["loopback only"] = report => report.With(SidecarReports.Listening(Port, new ListeningSocket(IPAddress.Loopback, Port, 1002, new SocketOwner(812, "sshd")))),
        ["firewall drops"] = report => report.With(Firewall(SidecarReports.Firewall(FirewallBackends.Iptables, FirewallVerdict.Dropped))),
        ["firewall rejects"] = report => report.With(Firewall(SidecarReports.Firewall(FirewallBackends.Iptables, FirewallVerdict.Rejected))),
        ["hung"] = report => report.With(SidecarReports.LocalProbes(ProbeOutcome.BannerTimeout)),
        ["queue full"] = report => report.With(SidecarReports.LocalProbes(ProbeOutcome.ConnectTimeout)),
        // sshd stopped and another program took its port.
        ["other program"] = report => Apply(report, "stopped")
            .With(SidecarReports.Listening(Port, new ListeningSocket(IPAddress.Any, Port, 1003, new SocketOwner(900, "nginx"))))
            .With(SidecarReports.LocalProbes(ProbeOutcome.BannerInvalid)),
        ["service cannot look"] = report => report.With(SidecarReports.Service(ServiceReport.CouldNotRun(ServiceMethod.Systemd, "no systemd bus and no pid file"))),
        ["config_valid cannot look"] = report => report.With(new ConfigValidResult(SshdConfigValidity.CouldNotRun("sshd not found"))),
        ["host_keys cannot look"] = report => report.With(new HostKeysResult(new HostKeyReport([], CheckStatus.CouldNotRun("permission denied")))),
        ["listener cannot look"] = report => report.With(new ListenerResult(new ListenerReport(CheckStatus.CouldNotRun("/proc/net/tcp unreadable"), [], []))),
        ["local_probe cannot look"] = report => report.With(new LocalProbeResult([], CheckStatus.CouldNotRun("ran out of time"))),
        ["firewall cannot look"] = report => report.With(Firewall(
            FirewallBackendReport.CouldNotRun(FirewallBackends.Iptables, "permission denied"),
            FirewallBackendReport.CouldNotRun(FirewallBackends.Nftables, "permission denied"))),
        ["no firewall installed"] = report => report.With(Firewall(
            FirewallBackendReport.CouldNotRun(FirewallBackends.Iptables, "iptables-save not found", toolMissing: true),
            FirewallBackendReport.CouldNotRun(FirewallBackends.Nftables, "nft not found", toolMissing: true))),
        ["nftables not installed"] = report => report.With(Firewall(
            SidecarReports.Firewall(FirewallBackends.Iptables, FirewallVerdict.Allowed),
            FirewallBackendReport.CouldNotRun(FirewallBackends.Nftables, "nft not found", toolMissing: true))),
        ["nftables cannot look"] = report => report.With(Firewall(
            SidecarReports.Firewall(FirewallBackends.Iptables, FirewallVerdict.Allowed),
            FirewallBackendReport.CouldNotRun(FirewallBackends.Nftables, "permission denied"))),
    };

    public static IEnumerable<string> Names => Faults.Keys;

    /// <summary>The healthy report with <paramref name="faults"/> applied in order.</summary>
    public static SidecarReport Report(IEnumerable<string> faults) => faults.Aggregate(SidecarReports.Healthy(), Apply);

    private static SidecarReport Apply(SidecarReport report, string fault) =>
        Faults.TryGetValue(fault, out var apply) ? apply(report) : throw new ArgumentException($"no local fault named '{fault}'", nameof(fault));

    private static FirewallResult Firewall(params FirewallBackendReport[] backends) => new(new FirewallReport(backends));
}
