namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>
/// The packet nftables rules are evaluated for: a new TCP SYN to <see cref="Port"/> from a remote host on a
/// non-loopback interface, over IPv4 or IPv6. <see cref="Family"/>/<see cref="Table"/> locate named sets.
/// </summary>
public sealed record NftPacket(int Port, bool Ipv6, NftRuleset Ruleset, string Family = "", string Table = "");
