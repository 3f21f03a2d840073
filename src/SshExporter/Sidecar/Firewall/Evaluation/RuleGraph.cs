namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>What a matching rule does with the packet.</summary>
public enum ActionKind
{
    Continue,
    Accept,
    Drop,
    Reject,
    Jump,
    Goto,
    Return,
}

public readonly record struct RuleAction(ActionKind Kind, string? Chain = null)
{
    public static readonly RuleAction Continue = new(ActionKind.Continue);
}

/// <summary>One way a rule can go for the packet under evaluation, and what that way takes for granted.</summary>
public sealed record RuleBranch(RuleAction Action, IReadOnlyList<Assumption> Assumptions)
{
    public static readonly RuleBranch NoMatch = new(RuleAction.Continue, []);
}

/// <summary>
/// A rule already evaluated against one packet (one port, one address family): usually a single branch; two or more
/// when the rule depends on something not known about the packet. The first branch is the one taken when the
/// explorer has run out of budget.
/// </summary>
public sealed record CompiledRule(string Text, IReadOnlyList<RuleBranch> Branches);

public sealed record CompiledChain(string Name, IReadOnlyList<CompiledRule> Rules);

/// <summary>
/// One base chain the packet must get through (iptables' filter INPUT, or one nftables base chain on the input
/// hook), with the chains it can jump to.
/// </summary>
public sealed record HookPass(
    string Label,
    string Entry,
    IReadOnlyDictionary<string, CompiledChain> Chains,
    FirewallVerdict Policy,
    string PolicyText);
