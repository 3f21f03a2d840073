namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Joins the IPv4 and IPv6 answers of nftables, which filters both in one ruleset. The port reads as allowed only
/// when both families let it in, so a block in either is never hidden; the notes name the family.
/// </summary>
public static class FamilyCombiner
{
    public static PortDecision Combine(PortDecision ipv4, PortDecision ipv6)
    {
        if (ipv4.Verdict == ipv6.Verdict && ipv4.DecidedBy == ipv6.DecidedBy)
        {
            return ipv4 with { Notes = ipv4.Notes.Concat(ipv6.Notes).Distinct().ToList() };
        }

        var (first, firstFamily, second, secondFamily) = ipv4.Allowed && !ipv6.Allowed
            ? (ipv6, "IPv6", ipv4, "IPv4")
            : (ipv4, "IPv4", ipv6, "IPv6");
        return new PortDecision(
            ipv4.Port,
            first.Verdict,
            $"{firstFamily}: {first.DecidedBy}",
            [
                .. first.Notes.Select(n => $"{firstFamily}: {n}"),
                $"{secondFamily}: {RuleWalker.Describe(second.Verdict)} by {second.DecidedBy}",
                .. second.Notes.Select(n => $"{secondFamily}: {n}"),
            ]);
    }
}
