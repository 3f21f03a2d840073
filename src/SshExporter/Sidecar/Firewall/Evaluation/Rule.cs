namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>What a rule does when its condition holds.</summary>
public enum ActionKind
{
    Continue,
    Accept,
    Drop,
    Reject,
    Return,
    Jump,
    Goto,

    /// <summary>A target not known here (NFQUEUE, TARPIT, ...): taken to let the packet go on, and said so.</summary>
    Unknown,
}

/// <summary>What a rule does; <paramref name="Name"/> is the chain of a jump or goto, or the unknown target's name.</summary>
public readonly record struct RuleAction(ActionKind Kind, string? Name = null)
{
    public static readonly RuleAction Continue = new(ActionKind.Continue);
}

/// <summary>One rule as it applies to the packet in question: the tool's text, whether it matches, what it does.</summary>
public sealed record Rule(string Text, Condition When, RuleAction Action);

/// <summary>
/// A chain the packet must get through (iptables' filter INPUT, or an nftables base chain on the input hook), the
/// chains it can jump to, and its policy.
/// </summary>
public sealed record BaseChain(
    string Entry,
    IReadOnlyDictionary<string, IReadOnlyList<Rule>> Chains,
    FirewallVerdict Policy,
    string PolicyText);
