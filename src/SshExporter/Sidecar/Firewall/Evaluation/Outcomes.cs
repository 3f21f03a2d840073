using System.Collections.Immutable;

namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Where a walk through the rules ends: a verdict and the rule that gave it, or no verdict yet (the chain ran out or
/// returned). <see cref="Notes"/> says what a sender must be to end here and which targets were passed unevaluated.
/// </summary>
public sealed record Ending(FirewallVerdict? Verdict, string Rule, ImmutableList<string> Notes)
{
    public Ending After(ImmutableList<string> notes) => notes.IsEmpty ? this : this with { Notes = notes.AddRange(Notes) };
}

/// <summary>
/// Every way a chain (or the rest of one) can end for a new connection to the port: the ending of an ordinary remote
/// host (one that no rule singles out) and, for other senders, the ending needing the fewest conditions for each
/// verdict. That is all the answer needs: whether anyone gets in and on what terms, and what everyone else meets.
/// Each rule adds a constant amount of work, so thousands of fail2ban bans cost no more than a walk through them.
/// </summary>
public sealed record Outcomes(Ending Ordinary, ImmutableList<Ending> Others)
{
    public static Outcomes Of(FirewallVerdict? verdict, string rule) => new(new Ending(verdict, rule, []), []);

    public IEnumerable<Ending> All => Others.Prepend(Ordinary);

    public Outcomes WithNote(string note) =>
        new(Ordinary.After([note]), Others.Select(e => e.After([note])).ToImmutableList());

    /// <summary>The endings without a verdict go on with <paramref name="next"/>: the rest of the calling chain after a jump, or the policy.</summary>
    public Outcomes Then(Outcomes next) => Replace(e => e.Verdict is null, next, (first, then) => then.After(first.Notes));

    /// <summary>The accepted endings meet <paramref name="next"/>, the next base chain on the hook; an accept there names both rules.</summary>
    public Outcomes ThenAccepted(Outcomes next) => Replace(
        e => e.Verdict == FirewallVerdict.Allowed,
        next,
        (first, then) => (then.Verdict == FirewallVerdict.Allowed ? then with { Rule = $"{first.Rule}; {then.Rule}" } : then).After(first.Notes));

    /// <summary>
    /// A rule whose condition holds for some senders only: the ordinary host goes the way it meets, everyone else
    /// the other way, with the condition noted.
    /// </summary>
    public static Outcomes Split(Condition condition, string rule, Outcomes matched, Outcomes unmatched)
    {
        var (ordinary, others) = condition.OrdinaryMeets ? (matched, unmatched) : (unmatched, matched);
        ImmutableList<string> note = [condition.DescribeOthers(othersMeetIt: !condition.OrdinaryMeets, rule)];
        return new Outcomes(ordinary.Ordinary, Fewest(others.All.Select(e => e.After(note)).Concat(ordinary.Others)));
    }

    private Outcomes Replace(Func<Ending, bool> goesOn, Outcomes next, Func<Ending, Ending, Ending> join)
    {
        var others = new List<Ending>();
        var ordinary = Ordinary;
        if (goesOn(Ordinary))
        {
            ordinary = join(Ordinary, next.Ordinary);
            others.AddRange(next.Others.Select(then => join(Ordinary, then)));
        }

        foreach (var ending in Others)
        {
            others.AddRange(goesOn(ending) ? next.All.Select(then => join(ending, then)) : [ending]);
        }

        return new Outcomes(ordinary, Fewest(others));
    }

    /// <summary>For each verdict, the first ending with the fewest conditions.</summary>
    private static ImmutableList<Ending> Fewest(IEnumerable<Ending> endings) =>
        endings.GroupBy(e => e.Verdict).Select(g => g.MinBy(e => e.Notes.Count)!).ToImmutableList();
}
