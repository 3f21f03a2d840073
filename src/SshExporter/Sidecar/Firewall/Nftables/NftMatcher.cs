using System.Text.Json;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>Evaluates one nftables match ({"match": {"op", "left", "right"}}) for the packet.</summary>
public static class NftMatcher
{
    public static Condition Match(JsonElement match, NftPacket packet)
    {
        string text = NftRenderer.Match(match);
        if (!match.TryGetProperty("left", out var left) || !match.TryGetProperty("right", out var right))
        {
            return Condition.Maybe(text);
        }

        string op = match.TryGetProperty("op", out var o) ? o.GetString() ?? "==" : "==";
        var field = NftField.Classify(left, packet);
        switch (field)
        {
            case NftField.Impossible:
                return Condition.No;
            case NftField.Unknown:
                return Condition.Maybe(text);
            case NftField.Port port when op is "<" or ">" or "<=" or ">=":
                return right.ValueKind == JsonValueKind.Number && right.TryGetInt32(out int bound)
                    ? Condition.Of(op switch { "<" => port.Value < bound, ">" => port.Value > bound, "<=" => port.Value <= bound, _ => port.Value >= bound })
                    : Condition.Maybe(text);
            case NftField.Flags flags when !NftValues.IsSet(right):
                return FlagsMatch(flags, op, right, text);
            default:
                break;
        }

        if (op is not ("==" or "in" or "!="))
        {
            return Condition.Maybe(text);
        }

        var items = NftValues.Items(right, packet);
        var contains = items is null ? Truth.Maybe : AnyMatches(field, items);
        if (contains == Truth.Maybe)
        {
            // "!=" on who sends ("iifname != lo", "ip saddr != 10.0.0.0/8") is met by an ordinary remote host.
            return Condition.Maybe(text, ordinaryMeets: op == "!=" && field is NftField.Scope or NftField.InputInterface);
        }

        return Condition.Of(contains == Truth.Yes).Negate(op == "!=");
    }

    /// <summary>Whether the field's value is one of <paramref name="items"/>: Maybe when that depends on the sender or is not understood.</summary>
    public static Truth AnyMatches(NftField field, IReadOnlyList<JsonElement> items) =>
        Truths.Any(items, item => ItemMatches(field, item));

    private static Truth ItemMatches(NftField field, JsonElement item) => field switch
    {
        NftField.Port port => PortMatches(port.Value, item),
        NftField.Symbol symbol => item.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? Truths.Of(symbol.Aliases.Contains(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText()))
            : Truth.Maybe,
        NftField.Flags flags => NftValues.Strings(item) is { } names ? Truths.Of(names.SetEquals(flags.Value)) : Truth.Maybe,
        // Loopback never carries a remote host's packet; any other interface may.
        NftField.InputInterface => IsLoopback(item) ? Truth.No : Truth.Maybe,
        NftField.RouteExists => item.ValueKind switch
        {
            JsonValueKind.True => Truth.Yes,
            JsonValueKind.False => Truth.No,
            _ => Truth.Maybe,
        },
        NftField.Scope => IsEverything(item) ? Truth.Yes : Truth.Maybe,
        _ => Truth.Maybe,
    };

    private static Truth PortMatches(int port, JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.Number)
        {
            return item.TryGetInt32(out int value) ? Truths.Of(value == port) : Truth.Maybe;
        }

        if (item.ValueKind == JsonValueKind.String)
        {
            return PortSpec.TryParsePort(item.GetString()!, out int named) ? Truths.Of(named == port) : Truth.Maybe;
        }

        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("range", out var range)
            && range.ValueKind == JsonValueKind.Array && range.GetArrayLength() == 2
            && PortMatches(-1, range[0]) != Truth.Maybe && PortMatches(-1, range[1]) != Truth.Maybe)
        {
            return Truths.Of(Number(range[0]) <= port && port <= Number(range[1]));
        }

        return Truth.Maybe;
    }

    private static int Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetInt32() : PortSpec.TryParsePort(value.GetString()!, out int port) ? port : -1;

    private static bool IsLoopback(JsonElement item) =>
        item.ValueKind == JsonValueKind.String ? item.GetString() is "lo" or "lo*" : item.ValueKind == JsonValueKind.Number && item.GetRawText() == "1";

    /// <summary>0.0.0.0/0 or ::/0: every address.</summary>
    private static bool IsEverything(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("prefix", out var prefix)
        && prefix.TryGetProperty("len", out var len) && len.ValueKind == JsonValueKind.Number && len.GetInt32() == 0;

    /// <summary>
    /// Bitmask semantics for ct state and tcp flags: "in" (the implicit form, <c>ct state new,established</c>) holds
    /// when any named flag is set; "==" and "!=" compare the whole (possibly masked) value.
    /// </summary>
    private static Condition FlagsMatch(NftField.Flags flags, string op, JsonElement right, string text)
    {
        var names = NftValues.Strings(right);
        if (names is null)
        {
            return Condition.Maybe(text);
        }

        return op switch
        {
            "in" => Condition.Of(flags.Value.Overlaps(names)),
            "==" => Condition.Of(flags.Value.SetEquals(names)),
            "!=" => Condition.Of(!flags.Value.SetEquals(names)),
            _ => Condition.Maybe(text),
        };
    }
}
