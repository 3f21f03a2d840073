using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Iptables;

/// <summary>
/// Answers "does a new TCP connection to this port get through filter INPUT?" for an iptables-save ruleset. Only the
/// filter table decides here; the raw, mangle and nat tables are noted when they hold DROP or REJECT rules on the
/// input path, not evaluated.
/// </summary>
public static class IptablesEvaluator
{
    public const string NothingFilters = "no filter INPUT chain (nothing filters)";

    /// <summary>Targets that do something and let the packet go on to the next rule.</summary>
    private static readonly HashSet<string> s_nonTerminating =
    [
        "LOG", "NFLOG", "ULOG", "TRACE", "MARK", "CONNMARK", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "TCPMSS", "CT",
        "NOTRACK", "SET", "AUDIT", "CHECKSUM", "SECMARK", "CONNSECMARK", "IDLETIMER", "LED", "RATEEST", "TEE",
    ];

    public static PortDecision Evaluate(IptablesRuleset ruleset, int port) => Evaluate([(ruleset, null)], port);

    /// <summary>
    /// Evaluates several rulesets that all filter the same packets, e.g. the nf_tables and the legacy back ends when
    /// both hold tables: the packet must be accepted by each. <c>Tag</c> marks which one a rule came from.
    /// </summary>
    public static PortDecision Evaluate(IReadOnlyList<(IptablesRuleset Ruleset, string? Tag)> rulesets, int port) =>
        RuleWalker.Decide(
            port,
            rulesets.Select(r => Compile(r.Ruleset, port, r.Tag)).OfType<BaseChain>().ToList(),
            NothingFilters,
            rulesets.SelectMany(r => UnevaluatedTables(r.Ruleset, r.Tag)));

    /// <summary>filter INPUT and the chains it can reach, evaluated for <paramref name="port"/>; null without a filter INPUT chain.</summary>
    public static BaseChain? Compile(IptablesRuleset ruleset, int port, string? tag = null)
    {
        var filter = ruleset.Table("filter");
        var input = filter?.Chain("INPUT");
        if (filter is null || input is null)
        {
            return null;
        }

        string prefix = tag is null ? "" : $"[{tag}] ";
        var chains = filter.Chains.ToDictionary(
            chain => chain.Name,
            IReadOnlyList<Rule> (chain) => chain.Rules.Select(rule => new Rule(
                prefix + rule.Text,
                Condition.All(IptablesMatcher.Conditions(rule, port)),
                Action(rule, filter))).ToList());
        var policy = input.Policy == "DROP" ? FirewallVerdict.Dropped : FirewallVerdict.Allowed;
        return new BaseChain("INPUT", chains, policy, $"{prefix}policy {input.Policy ?? "ACCEPT"} (filter INPUT)");
    }

    private static RuleAction Action(IptablesRule rule, IptablesTable table) => rule.Target?.Name switch
    {
        null => RuleAction.Continue,
        "ACCEPT" => new RuleAction(ActionKind.Accept),
        "DROP" => new RuleAction(ActionKind.Drop),
        // Any --reject-with: a TCP reset reads as "refused" remotely, an ICMP error as "refused" or "unreachable".
        "REJECT" => new RuleAction(ActionKind.Reject),
        "RETURN" => new RuleAction(ActionKind.Return),
        var name when table.Chain(name) is not null => new RuleAction(rule.Target.IsGoto ? ActionKind.Goto : ActionKind.Jump, name),
        var name when s_nonTerminating.Contains(name) => RuleAction.Continue,
        var name => new RuleAction(ActionKind.Unknown, name),
    };

    /// <summary>Tables other than filter that can also stop the packet on its way in: said, not evaluated.</summary>
    private static IEnumerable<string> UnevaluatedTables(IptablesRuleset ruleset, string? tag)
    {
        foreach (var table in ruleset.Tables.Where(t => t.Name != "filter"))
        {
            foreach (var chain in table.Chains.Where(c => c.Name is "PREROUTING" or "INPUT"))
            {
                int blocking = chain.Rules.Count(r => r.Target?.Name is "DROP" or "REJECT");
                if (blocking > 0 || chain.Policy == "DROP")
                {
                    yield return $"{(tag is null ? "" : $"[{tag}] ")}{table.Name} {chain.Name} has {blocking} DROP/REJECT rule(s){(chain.Policy == "DROP" ? " and policy DROP" : "")}, not evaluated: only filter INPUT decides here";
                }

                if (table.Name == "nat" && chain.Name == "PREROUTING" && chain.Rules.Any(r => r.Target?.Name is "DNAT" or "REDIRECT"))
                {
                    // NAT runs before filter: a redirected connection meets filter INPUT with its new port.
                    yield return $"{(tag is null ? "" : $"[{tag}] ")}nat PREROUTING rewrites destination ports (DNAT/REDIRECT), not evaluated: filter INPUT sees the rewritten port";
                }
            }
        }
    }
}
