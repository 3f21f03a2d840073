using System.Text.Json;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>Reading the right-hand side of matches: literals, anonymous sets, named sets, element wrappers.</summary>
public static class NftValues
{
    /// <summary>
    /// The items a right-hand side stands for: one literal, the members of an anonymous set, or the elements of the
    /// named set "@name" in the packet's table. Null when a named set is not in the ruleset.
    /// </summary>
    public static IReadOnlyList<JsonElement>? Items(JsonElement right, NftPacket packet)
    {
        if (IsSetReference(right, out string name))
        {
            return packet.Ruleset.Set(packet.Family, packet.Table, name)?.Elements.Select(Unwrap).ToList();
        }

        if (right.ValueKind == JsonValueKind.Object && right.TryGetProperty("set", out var set))
        {
            return set.ValueKind == JsonValueKind.Array ? set.EnumerateArray().Select(Unwrap).ToList() : [Unwrap(set)];
        }

        return [Unwrap(right)];
    }

    /// <summary>Whether the value names a set ("@name") or writes one out ({"set": [...]}), i.e. means "one of".</summary>
    public static bool IsSet(JsonElement right) =>
        IsSetReference(right, out _) || (right.ValueKind == JsonValueKind.Object && right.TryGetProperty("set", out _));

    /// <summary>A value as a set of names: "syn", ["syn", "ack"], or 0 for none. Null for anything else.</summary>
    public static HashSet<string>? Strings(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new HashSet<string>(StringComparer.OrdinalIgnoreCase) { value.GetString()! };
            case JsonValueKind.Number when value.TryGetInt64(out long zero) && zero == 0:
                return new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            case JsonValueKind.Array:
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }

                    names.Add(item.GetString()!);
                }

                return names;
            default:
                return null;
        }
    }

    /// <summary>A set element with a timeout, counter or comment is printed as {"elem": {"val": ...}}.</summary>
    public static JsonElement Unwrap(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("elem", out var elem) && elem.TryGetProperty("val", out var val)
            ? val
            : item;

    private static bool IsSetReference(JsonElement value, out string name)
    {
        name = value.ValueKind == JsonValueKind.String && value.GetString() is ['@', .. var rest] ? rest : "";
        return name.Length > 0;
    }
}
