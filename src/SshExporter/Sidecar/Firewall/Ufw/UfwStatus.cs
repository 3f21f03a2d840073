namespace SshExporter.Sidecar.Firewall.Ufw;

/// <summary>
/// One row of <c>ufw status verbose</c>: "To", "Action" (ALLOW/DENY/REJECT/LIMIT with IN/OUT/FWD), "From", and the
/// whole row with its column padding folded to single spaces.
/// </summary>
public sealed record UfwRule(string To, string Action, string From, string Text)
{
    /// <summary>ufw lists IPv6 rules separately, marked "(v6)".</summary>
    public bool Ipv6 => To.Contains("(v6)", StringComparison.Ordinal);

    /// <summary>"IN", "OUT", "FWD"; "IN" when plain <c>ufw status</c> leaves it out.</summary>
    public string Direction => Action.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var direction, ..] ? direction : "IN";

    /// <summary>"ALLOW", "DENY", "REJECT" or "LIMIT".</summary>
    public string Verb => Action.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}

/// <summary>What <c>ufw status verbose</c> says: active or not, the default for incoming traffic, the user rules in order.</summary>
public sealed record UfwStatus(bool Active, string? DefaultIncoming, IReadOnlyList<UfwRule> Rules);
