namespace SshExporter.Sidecar.Firewall;

/// <summary>What the host firewall does with a new inbound TCP connection to a port.</summary>
public enum FirewallVerdict
{
    /// <summary>The SYN is accepted: the connection reaches whatever listens.</summary>
    Allowed,

    /// <summary>The SYN is silently discarded: the remote client sees <c>connect_timeout</c>.</summary>
    Dropped,

    /// <summary>The SYN is answered with a TCP reset or an ICMP error: the client sees <c>refused</c> or <c>unreachable</c>.</summary>
    Rejected,
}
