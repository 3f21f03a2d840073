using System.Text.Json;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>
/// Writes JSON rules back in nft's own words ("tcp dport { 22, 2222 } accept") for the detail and the debug output.
/// Best effort: an expression it does not know is shown as compact JSON.
/// </summary>
public static class NftRenderer
{
    public static string Rule(NftChain chain, NftRule rule)
    {
        string body = string.Join(' ', rule.Expressions.Select(Expression).Where(text => text.Length > 0));
        string comment = rule.Comment is null ? "" : $" comment \"{rule.Comment}\"";
        return $"{chain.Label}: {body}{comment} (handle {rule.Handle})";
    }

    public static string Expression(JsonElement expression)
    {
        if (expression.ValueKind != JsonValueKind.Object)
        {
            return expression.GetRawText();
        }

        foreach (var property in expression.EnumerateObject())
        {
            var value = property.Value;
            return property.Name switch
            {
                "match" => Match(value),
                "accept" or "drop" or "return" or "continue" or "counter" or "notrack" => property.Name,
                "reject" => Reject(value),
                "jump" or "goto" => $"{property.Name} {Get(value, "target")}",
                "log" => Get(value, "prefix") is { Length: > 0 } prefix ? $"log prefix \"{prefix}\"" : "log",
                "limit" => $"limit rate {Get(value, "rate")}/{Get(value, "per")}",
                "vmap" => $"{Value(value.GetProperty("key"))} vmap {Value(value.GetProperty("data"))}",
                "xt" => $"xt {Get(value, "type")} {Get(value, "name")}",
                "queue" => "queue",
                _ => expression.GetRawText(),
            };
        }

        return "";
    }

    public static string Match(JsonElement match)
    {
        string op = Get(match, "op") switch
        {
            "==" or "in" or "" => "",
            var other => other + " ",
        };
        return $"{Value(match.GetProperty("left"))} {op}{Value(match.GetProperty("right"))}";
    }

    /// <summary>Any value or selector: payload, meta, ct, fib, sets, ranges, prefixes, literals.</summary>
    public static string Value(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.True:
                return "exists";
            case JsonValueKind.False:
                return "missing";
            case JsonValueKind.Array:
                return string.Join(',', value.EnumerateArray().Select(Value));
            case JsonValueKind.Object:
                break;
            default:
                return value.GetRawText();
        }

        foreach (var property in value.EnumerateObject())
        {
            var inner = property.Value;
            return property.Name switch
            {
                "payload" when inner.TryGetProperty("protocol", out _) => $"{Get(inner, "protocol")} {Get(inner, "field")}",
                "meta" => Get(inner, "key") is "iif" or "iifname" or "oif" or "oifname" ? Get(inner, "key") : $"meta {Get(inner, "key")}",
                "ct" => $"ct {Get(inner, "key")}",
                "fib" => $"fib {string.Join(" . ", inner.TryGetProperty("flags", out var flags) ? flags.EnumerateArray().Select(Value) : [])} {Get(inner, "result")}",
                "set" => $"{{ {string.Join(", ", inner.ValueKind == JsonValueKind.Array ? inner.EnumerateArray().Select(Element) : [Value(inner)])} }}",
                "range" when inner.GetArrayLength() == 2 => $"{Value(inner[0])}-{Value(inner[1])}",
                "prefix" => $"{Value(inner.GetProperty("addr"))}/{Value(inner.GetProperty("len"))}",
                "elem" => Value(inner.GetProperty("val")),
                "&" or "|" when inner.GetArrayLength() == 2 => $"{Value(inner[0])} {property.Name} {Value(inner[1])}",
                "concat" => string.Join(" . ", inner.EnumerateArray().Select(Value)),
                "accept" or "drop" or "return" or "continue" => property.Name,
                "jump" or "goto" => $"{property.Name} {Get(inner, "target")}",
                _ => value.GetRawText(),
            };
        }

        return value.GetRawText();
    }

    /// <summary>A set element; a map element [key, value] reads "key : value".</summary>
    private static string Element(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2
            ? $"{Value(element[0])} : {Value(element[1])}"
            : Value(element);

    private static string Reject(JsonElement reject)
    {
        if (reject.ValueKind != JsonValueKind.Object)
        {
            return "reject";
        }

        string type = Get(reject, "type");
        string code = Get(reject, "expr");
        return type switch
        {
            "" => "reject",
            "tcp reset" => "reject with tcp reset",
            // nft's own default, which it prints as a bare "reject".
            "icmpx" when code == "port-unreachable" => "reject",
            _ => $"reject with {type}{(code.Length > 0 ? $" {code}" : "")}",
        };
    }

    private static string Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.ToString()
            : "";
}
