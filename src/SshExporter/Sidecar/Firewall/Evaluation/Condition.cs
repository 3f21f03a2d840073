namespace SshExporter.Sidecar.Firewall.Evaluation;

public enum Truth
{
    False,
    True,
    Maybe,
}

/// <summary>
/// One condition of a rule, evaluated for the packet in question: a new TCP SYN to one port, from a remote host,
/// on a non-loopback interface. <see cref="Truth.Maybe"/> carries why (<see cref="Kind"/>) and what (<see cref="Text"/>);
/// <see cref="General"/> marks a sender condition an arbitrary remote host meets (a negated one: "! -s 10.0.0.0/8").
/// </summary>
public readonly record struct Condition(Truth Truth, AssumptionKind Kind, string Text, bool General = false)
{
    public static readonly Condition Yes = new(Truth.True, AssumptionKind.Scope, "");
    public static readonly Condition No = new(Truth.False, AssumptionKind.Scope, "");

    public static Condition Of(bool value) => value ? Yes : No;

    /// <summary>Holds for some remote hosts and not others; <paramref name="general"/> when most hosts meet it (a negated restriction).</summary>
    public static Condition Scope(string text, bool general = false) => new(Truth.Maybe, AssumptionKind.Scope, text, general);

    /// <summary>Not understood: may or may not hold.</summary>
    public static Condition Unevaluated(string text) => new(Truth.Maybe, AssumptionKind.Unevaluated, text);

    /// <summary>The condition with "!" in front; a maybe stays a maybe.</summary>
    public Condition Negate(bool negated) => !negated || Truth == Truth.Maybe ? this : Of(Truth == Truth.False);
}

/// <summary>Makes a rule's branches from its conditions and what it does when they all hold.</summary>
public static class BranchBuilder
{
    public static IReadOnlyList<RuleBranch> Build(IEnumerable<Condition> conditions, RuleAction action, string ruleText, IReadOnlyList<Assumption>? actionAssumptions = null)
    {
        actionAssumptions ??= [];
        var maybes = new List<Condition>();
        foreach (var condition in conditions)
        {
            if (condition.Truth == Truth.False)
            {
                return [RuleBranch.NoMatch];
            }

            if (condition.Truth == Truth.Maybe)
            {
                maybes.Add(condition);
            }
        }

        var matched = new RuleBranch(action, actionAssumptions);
        if (maybes.Count == 0)
        {
            return [matched];
        }

        if (action.Kind == ActionKind.Continue && actionAssumptions.Count == 0)
        {
            // Matching or not, the packet goes on to the next rule: nothing to tell apart.
            return [RuleBranch.NoMatch];
        }

        var kind = maybes.Any(m => m.Kind == AssumptionKind.Unevaluated) ? AssumptionKind.Unevaluated : AssumptionKind.Scope;
        string text = string.Join(" and ", maybes.Select(m => m.Text).Distinct());
        // An ordinary remote host meets the rule's sender conditions only when every one of them is a negated one.
        bool ordinaryHolds = kind == AssumptionKind.Scope && maybes.All(m => m.General);
        var holds = new RuleBranch(action, [new Assumption(kind, true, text, ruleText, Special: !ordinaryHolds), .. actionAssumptions]);
        var fails = new RuleBranch(RuleAction.Continue, [new Assumption(kind, false, text, ruleText, Special: ordinaryHolds)]);
        // The first branch is the one kept when the budget runs out: the ordinary remote host for a source
        // restriction, the conservative "it matches" for a match not understood.
        return kind == AssumptionKind.Unevaluated || ordinaryHolds ? [holds, fails] : [fails, holds];
    }
}
