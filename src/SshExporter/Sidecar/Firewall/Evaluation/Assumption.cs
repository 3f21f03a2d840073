namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>Why a path through the rules is only one of several possible ones.</summary>
public enum AssumptionKind
{
    /// <summary>
    /// A condition on who sends (source address, source port, input interface, per-source state such as
    /// <c>-m recent</c>): some remote hosts meet it and others do not, so both are followed.
    /// </summary>
    Scope,

    /// <summary>A match the evaluator does not understand: both outcomes are followed and an answer resting on one is uncertain.</summary>
    Unevaluated,

    /// <summary>A target the evaluator does not know (NFQUEUE, TARPIT, ...): taken to let the packet continue, which makes an answer resting on it uncertain.</summary>
    UnknownTarget,
}

/// <summary>
/// One condition a path took for granted, with the rule it belongs to. For a <see cref="AssumptionKind.Scope"/>,
/// <paramref name="Special"/> says whether the path is one that only some senders take: a host in 10.0.0.0/8 for
/// "-s 10.0.0.0/8" holding, but for "! -s 10.0.0.0/8" it is the sender for whom it does not hold. Any other
/// remote host is the ordinary case, which needs no mention.
/// </summary>
public sealed record Assumption(AssumptionKind Kind, bool Holds, string Condition, string Rule, bool Special = true)
{
    /// <summary>True for the kinds that make an answer resting on them uncertain.</summary>
    public bool IsUnevaluated => Kind is AssumptionKind.Unevaluated or AssumptionKind.UnknownTarget;

    /// <summary>A source restriction this path needs, i.e. one that an arbitrary remote host may not meet.</summary>
    public bool IsRestriction => Kind == AssumptionKind.Scope && Special;

    public string Describe() => (Kind, Holds) switch
    {
        (AssumptionKind.Scope, true) => $"{(Special ? "only" : "")} for traffic where {Condition} (rule: {Rule})".TrimStart(),
        (AssumptionKind.Scope, false) when Condition.StartsWith("! ", StringComparison.Ordinal) && !Condition.Contains(" and ", StringComparison.Ordinal) =>
            $"{(Special ? "only" : "")} for traffic where {Condition[2..]} (rule: {Rule})".TrimStart(),
        (AssumptionKind.Scope, false) => $"{(Special ? "only" : "")} for traffic where not ({Condition}) (rule: {Rule})".TrimStart(),
        (AssumptionKind.Unevaluated, true) => $"assumed {Condition} matches, not evaluated (rule: {Rule})",
        (AssumptionKind.Unevaluated, false) => $"assumed {Condition} does not match, not evaluated (rule: {Rule})",
        _ => $"assumed target {Condition} lets the packet continue, not evaluated (rule: {Rule})",
    };
}
