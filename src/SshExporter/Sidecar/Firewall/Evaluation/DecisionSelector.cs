namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Turns every path the explorer found into one answer for the port. The question is "can a new connection from
/// a remote host get in?", so:
/// <list type="bullet">
/// <item>If any path accepts, the port is <see cref="FirewallVerdict.Allowed"/> (perhaps only from some sources,
/// which the notes name). The accepting path shown is the one resting on the fewest unevaluated matches, then the
/// fewest source restrictions, then the fewest conditions at all (the earliest rule). The answer is uncertain when
/// even that path rests on an unevaluated match.</item>
/// <item>Otherwise no path accepts, whatever the sources and the unevaluated matches do, so the port is blocked for
/// certain. The path shown is the one a host without special standing meets (fewest source restrictions), which
/// tells Dropped from Rejected.</item>
/// </list>
/// An exploration cut short is always uncertain.
/// </summary>
public static class DecisionSelector
{
    /// <summary>How many other outcomes the notes mention at most, to keep the detail short.</summary>
    public const int MaxOtherOutcomes = 3;

    public static PortDecision Decide(int port, Exploration exploration, IEnumerable<string>? extraNotes = null)
    {
        var outcomes = exploration.Outcomes;
        if (outcomes.Count == 0)
        {
            // Only an exploration cut short before any path ended gets here.
            return new PortDecision(port, FirewallVerdict.Allowed, "no path evaluated", true, ["evaluation cut short before any rule decided"]);
        }

        var indexed = outcomes.Select((outcome, index) => (outcome, index)).ToList();
        var accepting = indexed.Where(x => x.outcome.Verdict == FirewallVerdict.Allowed).ToList();

        (PathOutcome chosen, int _) = accepting.Count > 0
            ? accepting.OrderBy(x => x.outcome.UnevaluatedCount).ThenBy(x => x.outcome.RestrictionCount).ThenBy(x => x.outcome.Assumptions.Count).ThenBy(x => x.index).First()
            : indexed.OrderBy(x => x.outcome.RestrictionCount).ThenBy(x => x.outcome.UnevaluatedCount).ThenBy(x => x.outcome.Assumptions.Count).ThenBy(x => x.index).First();

        bool uncertain = exploration.Truncated || (chosen.Verdict == FirewallVerdict.Allowed && chosen.UnevaluatedCount > 0);

        var notes = new List<string>();
        // The ordinary case for a remote host needs no saying; restrictions and guesses do.
        notes.AddRange(chosen.Assumptions
            .Where(a => a.IsRestriction || a.IsUnevaluated)
            .Select(a => a.Describe())
            .Distinct());
        notes.AddRange(outcomes
            .Where(o => o.Verdict != chosen.Verdict || o.DecidedBy != chosen.DecidedBy)
            .Select(o => $"other traffic: {o.Verdict.ToString().ToLowerInvariant()} by {o.DecidedBy}")
            .Distinct()
            .Take(MaxOtherOutcomes));
        if (exploration.Truncated)
        {
            notes.Add("evaluation cut short (too many branches or a jump loop): the answer may be incomplete");
        }

        if (extraNotes is not null)
        {
            notes.AddRange(extraNotes);
        }

        return new PortDecision(port, chosen.Verdict, chosen.DecidedBy, uncertain, notes);
    }
}
