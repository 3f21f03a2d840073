using System.Text.Json;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>What the left side of a match is, for the packet under evaluation.</summary>
public abstract record NftField
{
    /// <summary>The destination port: known.</summary>
    public sealed record Port(int Value) : NftField;

    /// <summary>A bitmask of named flags: ct state is {new}, tcp flags is {syn}.</summary>
    public sealed record Flags(IReadOnlySet<string> Value) : NftField;

    /// <summary>A symbolic value known with its aliases: meta l4proto is tcp (6), meta nfproto ipv4 (2) or ipv6 (10).</summary>
    public sealed record Symbol(IReadOnlySet<string> Aliases) : NftField;

    /// <summary>The input interface: some non-loopback one.</summary>
    public sealed record InputInterface(string Text) : NftField;

    /// <summary>Whether the reverse-path lookup (fib saddr . iif oif) finds a route: it does for a properly routed remote host.</summary>
    public sealed record RouteExists : NftField;

    /// <summary>Depends on the sender (addresses, source port): holds for some remote hosts.</summary>
    public sealed record Scope(string Text) : NftField;

    /// <summary>A header of another protocol or address family: the match cannot hold.</summary>
    public sealed record Impossible : NftField;

    /// <summary>Not understood here.</summary>
    public sealed record Unknown(string Text) : NftField;

    private static readonly HashSet<string> s_otherProtocols =
        ["udp", "udplite", "sctp", "dccp", "icmp", "icmpv6", "igmp", "esp", "ah", "comp", "gre", "arp", "vlan"];

    public static NftField Classify(JsonElement left, NftPacket packet)
    {
        string text = NftRenderer.Value(left);
        if (left.ValueKind != JsonValueKind.Object)
        {
            return new Unknown(text);
        }

        if (left.TryGetProperty("payload", out var payload))
        {
            return Payload(payload, packet, text);
        }

        if (left.TryGetProperty("meta", out var meta))
        {
            return Key(meta) switch
            {
                "l4proto" => Symbols("tcp", "6"),
                "nfproto" => packet.Ipv6 ? Symbols("ipv6", "10") : Symbols("ipv4", "2"),
                "protocol" => packet.Ipv6 ? Symbols("ip6", "34525", "0x86dd") : Symbols("ip", "2048", "0x0800"),
                "iif" or "iifname" => new InputInterface(text),
                "pkttype" => Symbols("host"),
                _ => new Unknown(text),
            };
        }

        if (left.TryGetProperty("ct", out var ct))
        {
            return Key(ct) switch
            {
                "state" => new Flags(new HashSet<string> { "new" }),
                "direction" => Symbols("original", "0"),
                "l3proto" => packet.Ipv6 ? Symbols("ipv6", "10") : Symbols("ipv4", "2"),
                "protocol" => Symbols("tcp", "6"),
                "saddr" or "proto-src" => new Scope(text),
                _ => new Unknown(text),
            };
        }

        if (left.TryGetProperty("fib", out var fib))
        {
            var flags = fib.TryGetProperty("flags", out var f) && f.ValueKind == JsonValueKind.Array
                ? f.EnumerateArray().Select(x => x.GetString()).ToHashSet()
                : [];
            string result = fib.TryGetProperty("result", out var r) ? r.GetString() ?? "" : "";
            return result switch
            {
                // The SYN is addressed to this host.
                "type" when flags.Contains("daddr") => Symbols("local"),
                "oif" when flags.Contains("saddr") => new RouteExists(),
                _ => new Unknown(text),
            };
        }

        if (left.TryGetProperty("&", out var and) && and.ValueKind == JsonValueKind.Array && and.GetArrayLength() == 2
            && Classify(and[0], packet) is Flags flagged)
        {
            var mask = NftValues.Strings(and[1]);
            return mask is null ? new Unknown(text) : new Flags(flagged.Value.Intersect(mask).ToHashSet());
        }

        return new Unknown(text);
    }

    private static NftField Payload(JsonElement payload, NftPacket packet, string text)
    {
        string protocol = payload.TryGetProperty("protocol", out var p) ? p.GetString() ?? "" : "";
        string field = payload.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "";
        return (protocol, field) switch
        {
            ("tcp" or "th", "dport") => new Port(packet.Port),
            ("tcp" or "th", "sport") => new Scope(text),
            ("tcp", "flags") => new Flags(new HashSet<string> { "syn" }),
            ("ip", _) when packet.Ipv6 => new Impossible(),
            ("ip6", _) when !packet.Ipv6 => new Impossible(),
            ("ip" or "ip6", "saddr" or "daddr") => new Scope(text),
            ("ip", "protocol") or ("ip6", "nexthdr") => Symbols("tcp", "6"),
            ("ip", "version") => Symbols("4"),
            ("ip6", "version") => Symbols("6"),
            ("ether", "saddr") => new Scope(text),
            _ when s_otherProtocols.Contains(protocol) => new Impossible(),
            _ => new Unknown(text),
        };
    }

    private static string Key(JsonElement selector) =>
        selector.TryGetProperty("key", out var key) ? key.GetString() ?? "" : "";

    private static Symbol Symbols(params string[] aliases) => new(new HashSet<string>(aliases, StringComparer.OrdinalIgnoreCase));
}
