using System.Text.Json;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>
/// Evaluates one nftables rule for the packet: its expressions run in order, a match that fails ends the rule, the
/// first verdict decides. Statements that only count, log or mark are passed over. A verdict map becomes one rule
/// per element, all with the rule's text, since at most one element matches.
/// </summary>
public static class NftRuleCompiler
{
    /// <summary>Statements that neither test the packet nor decide its fate.</summary>
    private static readonly HashSet<string> s_passive =
        ["counter", "log", "mangle", "notrack", "set", "map", "meter", "ct helper", "ct timeout", "ct expectation", "flow", "dup", "secmark", "synproxy", "tproxy"];

    /// <summary>xt targets (iptables-nft extensions) that let the packet go on.</summary>
    private static readonly HashSet<string> s_passiveXtTargets =
        ["LOG", "NFLOG", "ULOG", "TRACE", "MARK", "CONNMARK", "CLASSIFY", "DSCP", "TOS", "TCPMSS", "CT", "NOTRACK", "SET", "AUDIT", "CHECKSUM"];

    public static IEnumerable<Rule> Compile(NftChain chain, NftRule rule, NftPacket packet)
    {
        string text = NftRenderer.Rule(chain, rule);
        var conditions = new List<Condition>();
        Rule Then(RuleAction action) => new(text, Condition.All(conditions), action);

        foreach (var expression in rule.Expressions.Where(e => e.ValueKind == JsonValueKind.Object))
        {
            var property = expression.EnumerateObject().FirstOrDefault();
            var value = property.Value;
            switch (property.Name)
            {
                case "match":
                    conditions.Add(NftMatcher.Match(value, packet));
                    if (conditions[^1].Truth == Truth.No)
                    {
                        return [];
                    }

                    break;
                case "accept":
                    return [Then(new RuleAction(ActionKind.Accept))];
                case "drop":
                    return [Then(new RuleAction(ActionKind.Drop))];
                case "reject":
                    return [Then(new RuleAction(ActionKind.Reject))];
                case "return":
                    return [Then(new RuleAction(ActionKind.Return))];
                case "continue":
                    return [];
                case "jump" or "goto":
                    return [Then(Jump(property.Name, value, chain, packet))];
                case "vmap":
                    return VerdictMap(value, conditions, chain, packet, text);
                case "xt" when Get(value, "type") == "target":
                    string target = Get(value, "name");
                    if (target == "REJECT")
                    {
                        return [Then(new RuleAction(ActionKind.Reject))];
                    }

                    if (!s_passiveXtTargets.Contains(target))
                    {
                        return [Then(new RuleAction(ActionKind.Unknown, $"xt {target}"))];
                    }

                    break;
                case "xt":
                    conditions.Add(Condition.Maybe($"xt match {Get(value, "name")} (an iptables-nft extension)"));
                    break;
                case "queue":
                    return [Then(new RuleAction(ActionKind.Unknown, "queue"))];
                case var name when s_passive.Contains(name):
                    break;
                default:
                    // A rate or byte limit, or an expression not known here: it may hold or not.
                    conditions.Add(Condition.Maybe(NftRenderer.Expression(expression)));
                    break;
            }
        }

        return [];
    }

    /// <summary>A jump or goto; to a chain missing from the table (cannot load in nft) it does nothing.</summary>
    private static RuleAction Jump(string kind, JsonElement value, NftChain chain, NftPacket packet)
    {
        string target = Get(value, "target");
        return packet.Ruleset.Chain(chain.Family, chain.Table, target) is null
            ? RuleAction.Continue
            : new RuleAction(kind == "goto" ? ActionKind.Goto : ActionKind.Jump, target);
    }

    /// <summary><c>KEY vmap { k1 : v1, ... }</c>: the verdict of the element the key matches, or on to the next rule when none does.</summary>
    private static List<Rule> VerdictMap(JsonElement vmap, List<Condition> conditions, NftChain chain, NftPacket packet, string text)
    {
        if (!vmap.TryGetProperty("key", out var key) || !vmap.TryGetProperty("data", out var data))
        {
            return [new Rule(text, Condition.All([.. conditions, Condition.Maybe(NftRenderer.Value(vmap))]), RuleAction.Continue)];
        }

        var field = NftField.Classify(key, packet);
        if (field is NftField.Impossible)
        {
            return [];
        }

        return (NftValues.Items(data, packet) ?? [])
            .Where(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2)
            .Select(e =>
            {
                var elementKey = NftValues.Unwrap(e[0]);
                var selects = NftMatcher.AnyMatches(field, NftValues.Items(elementKey, packet) ?? [elementKey]) switch
                {
                    Truth.Maybe => Condition.Maybe($"{NftRenderer.Value(key)} {NftRenderer.Value(elementKey)}"),
                    var truth => Condition.Of(truth == Truth.Yes),
                };
                return new Rule(text, Condition.All([.. conditions, selects]), Verdict(e[1], chain, packet));
            })
            .ToList();
    }

    private static RuleAction Verdict(JsonElement verdict, NftChain chain, NftPacket packet)
    {
        if (verdict.ValueKind != JsonValueKind.Object)
        {
            return RuleAction.Continue;
        }

        var property = verdict.EnumerateObject().FirstOrDefault();
        return property.Name switch
        {
            "accept" => new RuleAction(ActionKind.Accept),
            "drop" => new RuleAction(ActionKind.Drop),
            "reject" => new RuleAction(ActionKind.Reject),
            "return" => new RuleAction(ActionKind.Return),
            "jump" or "goto" => Jump(property.Name, property.Value, chain, packet),
            _ => RuleAction.Continue,
        };
    }

    private static string Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
