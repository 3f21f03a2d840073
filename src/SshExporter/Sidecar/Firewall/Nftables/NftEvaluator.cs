using System.Text.Json;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>
/// Answers "does a new TCP connection to this port get in?" for an nftables ruleset. The packet passes every base
/// chain of type filter on the input hook of its family (ip or inet for IPv4, ip6 or inet for IPv6) in priority
/// order and must be accepted by each: an accept ends one chain, a drop or reject in any chain ends it all. IPv4 and
/// IPv6 are evaluated apart and joined by <see cref="FamilyCombiner"/>.
/// <para>
/// Tables that use iptables match extensions ("xt" match expressions: what iptables-nft writes for -m conntrack,
/// -m multiport, -m addrtype, ...) are left out: their JSON names the extension but not its options, so nothing here could tell
/// ESTABLISHED from NEW. The iptables backend reads those tables in full; answers that leave one out say so.
/// </para>
/// </summary>
public static class NftEvaluator
{
    public const string NothingFilters = "no filter chain on the input hook (nothing filters)";

    public static PortDecision Evaluate(NftRuleset ruleset, int port) =>
        FamilyCombiner.Combine(EvaluateFamily(ruleset, port, ipv6: false), EvaluateFamily(ruleset, port, ipv6: true));

    public static PortDecision EvaluateFamily(NftRuleset ruleset, int port, bool ipv6)
    {
        var xtTables = IptablesNftTables(ruleset);
        var chains = InputChains(ruleset, ipv6);
        var skipped = chains.Where(c => xtTables.Contains((c.Family, c.Table))).ToList();
        return RuleWalker.Decide(
            port,
            chains.Except(skipped).Select(chain => Compile(ruleset, chain, port, ipv6)).ToList(),
            NothingFilters,
            skipped.Select(c => $"not evaluated here: {c.Label} uses iptables match extensions (xt), see the iptables backend"));
    }

    /// <summary>The base chains a packet of that family meets on the input hook, lowest priority first.</summary>
    public static IReadOnlyList<NftChain> InputChains(NftRuleset ruleset, bool ipv6) =>
        ruleset.Chains
            .Where(c => c.Hook == "input" && c.Type == "filter" && (c.Family == "inet" || c.Family == (ipv6 ? "ip6" : "ip")))
            .OrderBy(c => c.Priority)
            .ToList();

    /// <summary>
    /// Tables holding an xt match: written by iptables-nft, read fully by the iptables backend. xt targets alone
    /// (REJECT, LOG) are known by name and do not make a table opaque.
    /// </summary>
    public static IReadOnlySet<(string Family, string Table)> IptablesNftTables(NftRuleset ruleset) =>
        ruleset.Chains
            .Where(c => c.Rules.Any(r => r.Expressions.Any(IsXtMatch)))
            .Select(c => (c.Family, c.Table))
            .ToHashSet();

    private static bool IsXtMatch(JsonElement expression) =>
        expression.ValueKind == JsonValueKind.Object
        && expression.TryGetProperty("xt", out var xt)
        && xt.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.GetString() == "match";

    public static BaseChain Compile(NftRuleset ruleset, NftChain baseChain, int port, bool ipv6)
    {
        var packet = new NftPacket(port, ipv6, ruleset, baseChain.Family, baseChain.Table);
        var chains = ruleset.Chains
            .Where(c => c.Family == baseChain.Family && c.Table == baseChain.Table)
            .ToDictionary(c => c.Name, IReadOnlyList<Rule> (c) => c.Rules.SelectMany(rule => NftRuleCompiler.Compile(c, rule, packet)).ToList());
        string policy = baseChain.Policy ?? "accept";
        return new BaseChain(
            baseChain.Name,
            chains,
            policy == "drop" ? FirewallVerdict.Dropped : FirewallVerdict.Allowed,
            $"policy {policy} ({baseChain.Label})");
    }
}
