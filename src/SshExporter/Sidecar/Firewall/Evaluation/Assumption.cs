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

/// <summary>One condition a path took for granted, with the rule it belongs to.</summary>
public sealed record Assumption(AssumptionKind Kind, bool Holds, string Condition, string Rule)
{
    /// <summary>True for the kinds that make an answer resting on them uncertain.</summary>
    public bool IsUnevaluated => Kind is AssumptionKind.Unevaluated or AssumptionKind.UnknownTarget;

    public string Describe() => (Kind, Holds) switch
    {
        (AssumptionKind.Scope, true) => $"only for traffic where {Condition} (rule: {Rule})",
        (AssumptionKind.Scope, false) => $"for traffic where not {Condition} (rule: {Rule})",
        (AssumptionKind.Unevaluated, true) => $"assumed {Condition} matches, not evaluated (rule: {Rule})",
        (AssumptionKind.Unevaluated, false) => $"assumed {Condition} does not match, not evaluated (rule: {Rule})",
        _ => $"assumed target {Condition} lets the packet continue, not evaluated (rule: {Rule})",
    };
}
