using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Iptables;

/// <summary>
/// Evaluates a rule's matches for a new TCP connection (a SYN, conntrack state NEW) to one port from a remote host on
/// a non-loopback interface. Source-side conditions (-s, --sport, -i IFACE, -m recent, ...) hold for some remote
/// hosts and not others, and matches not known here may hold or not: both are <see cref="Truth.Maybe"/>.
/// </summary>
public static class IptablesMatcher
{
    private static readonly string[] s_allTcpFlags = ["SYN", "ACK", "FIN", "RST", "URG", "PSH"];

    /// <summary>Protocol modules that cannot match a TCP packet.</summary>
    private static readonly HashSet<string> s_otherProtocols =
        ["udp", "udplite", "icmp", "icmp6", "icmpv6", "sctp", "dccp", "esp", "ah", "mh"];

    public static IEnumerable<Condition> Conditions(IptablesRule rule, int port)
    {
        foreach (var option in rule.Basic)
        {
            yield return Basic(option);
        }

        foreach (var match in rule.Matches)
        {
            foreach (var condition in Module(match, port))
            {
                yield return condition;
            }
        }
    }

    private static Condition Basic(IptablesOption option) => option.Name switch
    {
        "-p" => Condition.Of(option.Value.ToLowerInvariant() is "tcp" or "6" or "all" or "0").Negate(option.Negated),
        "-s" or "-d" => IsAnyAddress(option.Value) ? Condition.Yes.Negate(option.Negated) : Condition.Maybe(option.ToString(), option.Negated),
        "-i" => option.Value is "lo" or "lo+" ? Condition.No.Negate(option.Negated) : Condition.Maybe(option.ToString(), option.Negated),
        // A fragment after the first: never a SYN.
        "-f" => Condition.No.Negate(option.Negated),
        _ => Condition.Maybe(option.ToString()),
    };

    private static bool IsAnyAddress(string value) => value is "0.0.0.0/0" or "::/0" or "0/0";

    private static IEnumerable<Condition> Module(IptablesMatch match, int port)
    {
        string module = match.Module.ToLowerInvariant();
        if (s_otherProtocols.Contains(module))
        {
            return [Condition.No];
        }

        return module switch
        {
            "tcp" => match.Options.Select(o => Tcp(o, port)),
            "multiport" => match.Options.Select(o => Multiport(o, port)),
            "state" or "conntrack" => match.Options.Select(o => Conntrack(o, port)),
            "comment" => [],
            "addrtype" => match.Options.Select(AddressType),
            "pkttype" => match.Options.Select(o =>
                o.Name == "--pkt-type" ? Condition.Of(o.Value is "unicast" or "host").Negate(o.Negated) : Condition.Maybe(o.ToString())),
            // Reverse-path filter: a packet from a properly routed remote host passes it.
            "rpfilter" => [Condition.Of(!match.Options.Any(o => o.Name == "--invert"))],
            "recent" => [Recent(match)],
            // An ipset of sources (fail2ban's bans, an allow list): some senders are in it.
            "set" => match.Options.Where(o => o.Name == "--match-set").Select(o => Condition.Maybe(match.ToString(), o.Negated)),
            // iprange, mac, connlimit, time, geoip, ...: some senders or some moments meet them.
            _ => [Condition.Maybe(match.ToString())],
        };
    }

    private static Condition Tcp(IptablesOption option, int port) => option.Name switch
    {
        "--dport" or "--destination-port" => Ports(PortSpec.Contains(option.Value, port), option),
        "--sport" or "--source-port" => Condition.Maybe(option.ToString(), option.Negated),
        "--syn" => Condition.Yes.Negate(option.Negated),
        "--tcp-flags" when option.Values.Count == 2 => Condition.Of(SynMatches(option.Values[0], option.Values[1])).Negate(option.Negated),
        _ => Condition.Maybe(option.ToString()),
    };

    private static Condition Multiport(IptablesOption option, int port) => option.Name switch
    {
        "--dports" or "--destination-ports" => Ports(PortSpec.ListContains(option.Value, port), option),
        "--sports" or "--source-ports" => Condition.Maybe(option.ToString(), option.Negated),
        // Either port may match: ours decides when it is listed, otherwise it depends on the client's port.
        "--ports" => PortSpec.ListContains(option.Value, port) == Truth.Yes ? Condition.Yes.Negate(option.Negated) : Condition.Maybe(option.ToString()),
        _ => Condition.Maybe(option.ToString()),
    };

    private static Condition Conntrack(IptablesOption option, int port) => option.Name switch
    {
        // A new connection's first packet is NEW, never ESTABLISHED or RELATED.
        "--state" or "--ctstate" => Condition.Of(option.Value.Split(',').Contains("NEW", StringComparer.OrdinalIgnoreCase)).Negate(option.Negated),
        "--ctproto" => Condition.Of(option.Value.ToLowerInvariant() is "tcp" or "6").Negate(option.Negated),
        "--ctdir" => Condition.Of(option.Value.Equals("ORIGINAL", StringComparison.OrdinalIgnoreCase)).Negate(option.Negated),
        // Without NAT the original destination port is the port itself.
        "--ctorigdstport" => Ports(PortSpec.Contains(option.Value, port), option),
        "--ctorigsrc" or "--ctorigsrcport" => Condition.Maybe(option.ToString()),
        _ => Condition.Maybe(option.ToString()),
    };

    private static Condition AddressType(IptablesOption option) => option.Name switch
    {
        // The SYN is addressed to one of this host's own addresses and comes from an ordinary unicast address.
        "--dst-type" => Condition.Of(option.Value.Split(',').Contains("LOCAL", StringComparer.OrdinalIgnoreCase)).Negate(option.Negated),
        "--src-type" => Condition.Of(option.Value.Split(',').Contains("UNICAST", StringComparer.OrdinalIgnoreCase)).Negate(option.Negated),
        "--limit-iface-in" or "--limit-iface-out" => Condition.Yes,
        _ => Condition.Maybe(option.ToString()),
    };

    /// <summary>"--set" records the source and always matches; the checks match only sources seen before.</summary>
    private static Condition Recent(IptablesMatch match) =>
        match.Options.Any(o => o.Name == "--set") ? Condition.Yes : Condition.Maybe(match.ToString());

    private static Condition Ports(Truth contains, IptablesOption option) =>
        contains == Truth.Maybe ? Condition.Maybe(option.ToString()) : Condition.Of(contains == Truth.Yes).Negate(option.Negated);

    /// <summary>Whether a bare SYN satisfies <c>--tcp-flags MASK COMPARE</c>.</summary>
    private static bool SynMatches(string mask, string compare)
    {
        static HashSet<string> Flags(string list) => list.ToUpperInvariant() switch
        {
            "ALL" => [.. s_allTcpFlags],
            "NONE" => [],
            var names => [.. names.Split(',')],
        };

        var set = Flags(mask);
        set.IntersectWith(["SYN"]);
        return set.SetEquals(Flags(compare));
    }
}
