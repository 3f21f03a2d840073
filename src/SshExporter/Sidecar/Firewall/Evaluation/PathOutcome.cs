namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>Where one path through the rules ended.</summary>
public sealed record PathOutcome(FirewallVerdict Verdict, string DecidedBy, IReadOnlyList<Assumption> Assumptions)
{
    public int UnevaluatedCount => Assumptions.Count(a => a.IsUnevaluated);

    /// <summary>How many source restrictions this path needs: zero is what any remote host meets.</summary>
    public int RestrictionCount => Assumptions.Count(a => a.IsRestriction);
}

/// <summary>Every path found, and whether the search was cut short.</summary>
public sealed record Exploration(IReadOnlyList<PathOutcome> Outcomes, bool Truncated);
