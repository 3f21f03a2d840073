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
            return Condition.Unevaluated(text);
        }

        string op = match.TryGetProperty("op", out var o) ? o.GetString() ?? "==" : "==";
        var field = NftField.Classify(left, packet);
        switch (field)
        {
            case NftField.Impossible:
                return Condition.No;
            case NftField.Unknown:
                return Condition.Unevaluated(text);
            case NftField.Port port when op is "<" or ">" or "<=" or ">=":
                return right.ValueKind == JsonValueKind.Number && right.TryGetInt32(out int bound)
                    ? Condition.Of(op switch { "<" => port.Value < bound, ">" => port.Value > bound, "<=" => port.Value <= bound, _ => port.Value >= bound })
                    : Condition.Unevaluated(text);
            case NftField.Flags flags when !NftValues.IsSet(right):
                return FlagsMatch(flags, op, right, text);
            default:
                break;
        }

        if (op is not ("==" or "in" or "!="))
        {
            return Condition.Unevaluated(text);
        }

        var items = NftValues.Items(right, packet);
        bool? contains = items is null ? null : AnyMatches(field, items);
        if (contains is null)
        {
            return field is NftField.Scope or NftField.InputInterface ? Condition.Scope(text, general: op == "!=") : Condition.Unevaluated(text);
        }

        return Condition.Of(contains.Value).Negate(op == "!=");
    }

    /// <summary>Whether the field's value is one of <paramref name="items"/>: null when that depends on the sender or is not understood.</summary>
    public static bool? AnyMatches(NftField field, IReadOnlyList<JsonElement> items) =>
        ThreeValued.Any(items, item => ItemMatches(field, item));

    private static bool? ItemMatches(NftField field, JsonElement item) => field switch
    {
        NftField.Port port => PortMatches(port.Value, item),
        NftField.Symbol symbol => item.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? symbol.Aliases.Contains(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())
            : null,
        NftField.Flags flags => NftValues.Strings(item) is { } names ? names.SetEquals(flags.Value) : null,
        // Loopback never carries a remote host's packet; any other interface may.
        NftField.InputInterface => IsLoopback(item) ? false : null,
        NftField.RouteExists => item.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        NftField.Scope => IsEverything(item) ? true : null,
        _ => null,
    };

    private static bool? PortMatches(int port, JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.Number)
        {
            return item.TryGetInt32(out int value) ? value == port : null;
        }

        if (item.ValueKind == JsonValueKind.String)
        {
            return PortSpec.TryParsePort(item.GetString()!, out int named) ? named == port : null;
        }

        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("range", out var range)
            && range.ValueKind == JsonValueKind.Array && range.GetArrayLength() == 2
            && PortMatches(-1, range[0]) is not null && PortMatches(-1, range[1]) is not null)
        {
            return Number(range[0]) <= port && port <= Number(range[1]);
        }

        return null;
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
            return Condition.Unevaluated(text);
        }

        return op switch
        {
            "in" => Condition.Of(flags.Value.Overlaps(names)),
            "==" => Condition.Of(flags.Value.SetEquals(names)),
            "!=" => Condition.Of(!flags.Value.SetEquals(names)),
            _ => Condition.Unevaluated(text),
        };
    }
}
