using System.Text.Json;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>
/// Evaluates one nftables rule for the packet: its expressions run in order, a match that fails ends the rule, the
/// first verdict (or verdict map) decides. Statements that only count, log or mark are passed over.
/// </summary>
public static class NftRuleCompiler
{
    /// <summary>Statements that neither test the packet nor decide its fate.</summary>
    private static readonly HashSet<string> s_passive =
        ["counter", "log", "mangle", "notrack", "set", "map", "meter", "ct helper", "ct timeout", "ct expectation", "flow", "dup", "secmark", "synproxy", "tproxy"];

    /// <summary>xt targets (iptables-nft extensions) that let the packet go on.</summary>
    private static readonly HashSet<string> s_passiveXtTargets =
        ["LOG", "NFLOG", "ULOG", "TRACE", "MARK", "CONNMARK", "CLASSIFY", "DSCP", "TOS", "TCPMSS", "CT", "NOTRACK", "SET", "AUDIT", "CHECKSUM"];

    public static CompiledRule Compile(NftChain chain, NftRule rule, NftPacket packet)
    {
        string text = NftRenderer.Rule(chain, rule);
        var conditions = new List<Condition>();
        foreach (var expression in rule.Expressions)
        {
            if (expression.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var property = expression.EnumerateObject().FirstOrDefault();
            var value = property.Value;
            switch (property.Name)
            {
                case "match":
                    var condition = NftMatcher.Match(value, packet);
                    if (condition.Truth == Truth.False)
                    {
                        return new CompiledRule(text, [RuleBranch.NoMatch]);
                    }

                    conditions.Add(condition);
                    break;
                case "accept":
                    return Build(conditions, new RuleAction(ActionKind.Accept), text);
                case "drop":
                    return Build(conditions, new RuleAction(ActionKind.Drop), text);
                case "reject":
                    return Build(conditions, new RuleAction(ActionKind.Reject), text);
                case "return":
                    return Build(conditions, new RuleAction(ActionKind.Return), text);
                case "continue":
                    return Build(conditions, RuleAction.Continue, text);
                case "jump" or "goto":
                    return Build(conditions, Jump(property.Name, value, chain, packet), text);
                case "vmap":
                    return new CompiledRule(text, VerdictMap(value, conditions, chain, packet, text));
                case "xt" when Get(value, "type") == "target":
                    string target = Get(value, "name");
                    if (target == "REJECT")
                    {
                        return Build(conditions, new RuleAction(ActionKind.Reject), text);
                    }

                    if (!s_passiveXtTargets.Contains(target))
                    {
                        return Build(conditions, RuleAction.Continue, text, [new Assumption(AssumptionKind.UnknownTarget, true, $"xt {target}", text)]);
                    }

                    break;
                case "xt":
                    conditions.Add(Condition.Unevaluated($"xt match {Get(value, "name")} (an iptables-nft extension)"));
                    break;
                case "queue":
                    return Build(conditions, RuleAction.Continue, text, [new Assumption(AssumptionKind.UnknownTarget, true, "queue", text)]);
                case "limit" or "quota":
                    // Rate and byte limits hold or not depending on traffic: they act as matches we cannot decide.
                    conditions.Add(Condition.Unevaluated(NftRenderer.Expression(expression)));
                    break;
                case var name when s_passive.Contains(name):
                    break;
                default:
                    // Unknown expression: it might be a test, so assume it may or may not hold.
                    conditions.Add(Condition.Unevaluated(NftRenderer.Expression(expression)));
                    break;
            }
        }

        return new CompiledRule(text, [RuleBranch.NoMatch]);
    }

    private static CompiledRule Build(List<Condition> conditions, RuleAction action, string text, IReadOnlyList<Assumption>? assumptions = null) =>
        new(text, BranchBuilder.Build(conditions, action, text, assumptions));

    /// <summary>A jump or goto; to a chain missing from the table (cannot load in nft) it does nothing.</summary>
    private static RuleAction Jump(string kind, JsonElement value, NftChain chain, NftPacket packet)
    {
        string target = Get(value, "target");
        return packet.Ruleset.Chain(chain.Family, chain.Table, target) is null
            ? RuleAction.Continue
            : new RuleAction(kind == "goto" ? ActionKind.Goto : ActionKind.Jump, target);
    }

    /// <summary>
    /// <c>KEY vmap { k1 : v1, ... }</c>: the verdict of the element the key matches, or on to the next rule when none
    /// does. When the key depends on the sender or is not understood, every verdict is a branch.
    /// </summary>
    private static IReadOnlyList<RuleBranch> VerdictMap(JsonElement vmap, List<Condition> conditions, NftChain chain, NftPacket packet, string text)
    {
        if (!vmap.TryGetProperty("key", out var key) || !vmap.TryGetProperty("data", out var data))
        {
            return BranchBuilder.Build([.. conditions, Condition.Unevaluated(NftRenderer.Value(vmap))], RuleAction.Continue, text);
        }

        var field = NftField.Classify(key, packet);
        var elements = NftValues.Items(data, packet);
        if (field is NftField.Impossible)
        {
            return [RuleBranch.NoMatch];
        }

        var pairs = (elements ?? [])
            .Where(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2)
            .Select(e => (Key: NftValues.Unwrap(e[0]), Verdict: Verdict(e[1], chain, packet)))
            .ToList();
        if (elements is not null)
        {
            var possible = new List<RuleAction>();
            bool decided = false;
            foreach (var (elementKey, verdict) in pairs)
            {
                var matches = NftMatcher.AnyMatches(field, NftValues.Items(elementKey, packet) ?? [elementKey]);
                if (matches == true)
                {
                    possible.Add(verdict);
                    decided = true;
                    break;
                }

                if (matches is null)
                {
                    possible.Add(verdict);
                }
            }

            if (possible.Count == 0)
            {
                return [RuleBranch.NoMatch];
            }

            if (decided && possible.Count == 1)
            {
                return BranchBuilder.Build(conditions, possible[0], text);
            }

            return Branches(conditions, possible.Distinct().ToList(), decided, field, key, text);
        }

        return Branches(conditions, pairs.Select(p => p.Verdict).Distinct().ToList(), false, field, key, text);
    }

    /// <summary>One branch per verdict the key might select, plus "no element matched" unless one surely did.</summary>
    private static List<RuleBranch> Branches(List<Condition> conditions, List<RuleAction> verdicts, bool decided, NftField field, JsonElement key, string text)
    {
        if (conditions.Any(c => c.Truth == Truth.False))
        {
            return [RuleBranch.NoMatch];
        }

        var kind = field is NftField.Scope or NftField.InputInterface && conditions.All(c => c.Kind == AssumptionKind.Scope)
            ? AssumptionKind.Scope
            : AssumptionKind.Unevaluated;
        string keyText = NftRenderer.Value(key);
        string before = string.Join("", conditions.Where(c => c.Truth == Truth.Maybe).Select(c => c.Text + " and "));
        var branches = verdicts
            .Select(v => new RuleBranch(v, [new Assumption(kind, true, $"{before}{keyText} selects {Describe(v)}", text)]))
            .ToList();
        if (!decided)
        {
            var none = new RuleBranch(RuleAction.Continue, [new Assumption(kind, false, $"{before}{keyText} selects an element", text, Special: false)]);
            branches.Insert(kind == AssumptionKind.Scope ? 0 : branches.Count, none);
        }

        return branches;
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

    private static string Describe(RuleAction action) =>
        action.Chain is null ? action.Kind.ToString().ToLowerInvariant() : $"{action.Kind.ToString().ToLowerInvariant()} {action.Chain}";

    private static string Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
