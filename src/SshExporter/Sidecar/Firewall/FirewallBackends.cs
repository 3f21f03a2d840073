namespace SshExporter.Sidecar.Firewall;

/// <summary>
/// The backend names, used as the <c>backend</c> label of <c>sshd_firewall_port_allowed</c>. ufw and firewalld have
/// none of their own: they write their rules into iptables or nftables, and are read there.
/// </summary>
public static class FirewallBackends
{
    public const string Iptables = "iptables";
    public const string Ip6tables = "ip6tables";
    public const string Nftables = "nftables";
}
