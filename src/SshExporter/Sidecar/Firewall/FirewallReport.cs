namespace SshExporter.Sidecar.Firewall;

/// <summary>
/// What one firewall backend says. <see cref="Status"/> tells "could not look" (tool missing, not root, output
/// unreadable) from an answer; <see cref="Ports"/> is empty unless the backend could run.
/// </summary>
/// <param name="Backend">"iptables", "ip6tables" or "nftables".</param>
/// <param name="Status">Whether the backend could be read, with the reason when not and a summary when so.</param>
/// <param name="Ports">One decision per port asked about, in the order asked.</param>
/// <param name="ToolMissing">
/// True when the backend's tool is not installed. The status is then "could not run" as for any other reason;
/// this flag lets a caller treat "not installed here" (nft is absent from many hosts) differently from "not permitted".
/// </param>
public sealed record FirewallBackendReport(string Backend, CheckStatus Status, IReadOnlyList<PortDecision> Ports, bool ToolMissing = false)
{
    public static FirewallBackendReport CouldNotRun(string backend, string reason, bool toolMissing = false) =>
        new(backend, CheckStatus.CouldNotRun(reason), [], toolMissing);

    /// <summary>The decision for <paramref name="port"/>, or null when the backend could not run or was not asked about it.</summary>
    public PortDecision? For(int port) => Ports.FirstOrDefault(decision => decision.Port == port);
}

/// <summary>Every backend's answer, in a fixed order.</summary>
public sealed record FirewallReport(IReadOnlyList<FirewallBackendReport> Backends)
{
    /// <summary>The report of the backend named <paramref name="backend"/>, or null when that backend was not asked.</summary>
    public FirewallBackendReport? For(string backend) => Backends.FirstOrDefault(report => report.Backend == backend);
}
