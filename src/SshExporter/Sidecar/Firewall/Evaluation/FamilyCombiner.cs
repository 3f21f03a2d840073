namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Joins the IPv4 and IPv6 answers of a backend that filters both in one ruleset (nftables, ufw). The port reads as
/// allowed only when both families let it in, so a block in either is never hidden; the notes name the family.
/// </summary>
public static class FamilyCombiner
{
    public static PortDecision Combine(PortDecision ipv4, PortDecision ipv6)
    {
        if (ipv4.Verdict == ipv6.Verdict && ipv4.DecidedBy == ipv6.DecidedBy)
        {
            return ipv4 with
            {
                Uncertain = ipv4.Uncertain || ipv6.Uncertain,
                Notes = ipv4.Notes.Concat(ipv6.Notes).Distinct().ToList(),
            };
        }

        var (first, second) = ipv4.Allowed && !ipv6.Allowed ? (ipv6, ipv4) : (ipv4, ipv6);
        string firstFamily = ReferenceEquals(first, ipv4) ? "IPv4" : "IPv6";
        string secondFamily = ReferenceEquals(first, ipv4) ? "IPv6" : "IPv4";
        var notes = new List<string>();
        notes.AddRange(first.Notes.Select(n => $"{firstFamily}: {n}"));
        notes.Add($"{secondFamily}: {second.Verdict.ToString().ToLowerInvariant()} by {second.DecidedBy}{(second.Uncertain ? " (uncertain)" : "")}");
        notes.AddRange(second.Notes.Select(n => $"{secondFamily}: {n}"));
        return new PortDecision(
            ipv4.Port,
            first.Verdict,
            $"{firstFamily}: {first.DecidedBy}",
            ipv4.Uncertain || ipv6.Uncertain,
            notes);
    }
}
