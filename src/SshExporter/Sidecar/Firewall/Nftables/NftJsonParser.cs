using System.Globalization;
using System.Text.Json;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>
/// Reads <c>nft -j list ruleset</c> (libnftables JSON schema 1): the top-level "nftables" array of metainfo, table,
/// chain, rule, set and map objects. Objects it does not need (flowtables, counters, ct helpers, ...) are skipped.
/// Pure; throws <see cref="FormatException"/> when the text is not that JSON.
/// </summary>
public static class NftJsonParser
{
    /// <summary>The priority keywords nft accepts for the ip, ip6 and inet families.</summary>
    private static readonly Dictionary<string, int> s_priorityNames = new(StringComparer.Ordinal)
    {
        ["raw"] = -300,
        ["mangle"] = -150,
        ["dstnat"] = -100,
        ["filter"] = 0,
        ["security"] = 50,
        ["srcnat"] = 100,
    };

    public static NftRuleset Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return NftRuleset.Empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("nftables", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("no top-level \"nftables\" array");
            }

            string? version = null;
            var chains = new List<(string Family, string Table, string Name, string? Type, string? Hook, int Priority, string? Policy)>();
            var rules = new List<(string Family, string Table, string Chain, NftRule Rule)>();
            var sets = new List<NftSet>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (item.TryGetProperty("metainfo", out var meta))
                {
                    version = String(meta, "version");
                }
                else if (item.TryGetProperty("chain", out var chain))
                {
                    chains.Add((Required(chain, "family"), Required(chain, "table"), Required(chain, "name"),
                        String(chain, "type"), String(chain, "hook"), Priority(chain), String(chain, "policy")));
                }
                else if (item.TryGetProperty("rule", out var rule))
                {
                    var expressions = rule.TryGetProperty("expr", out var expr) && expr.ValueKind == JsonValueKind.Array
                        ? expr.EnumerateArray().Select(e => e.Clone()).ToList()
                        : [];
                    long handle = rule.TryGetProperty("handle", out var h) && h.TryGetInt64(out long value) ? value : 0;
                    rules.Add((Required(rule, "family"), Required(rule, "table"), Required(rule, "chain"),
                        new NftRule(handle, expressions, String(rule, "comment"))));
                }
                else if (item.TryGetProperty("set", out var set) || item.TryGetProperty("map", out set))
                {
                    var elements = set.TryGetProperty("elem", out var elem) && elem.ValueKind == JsonValueKind.Array
                        ? elem.EnumerateArray().Select(e => e.Clone()).ToList()
                        : [];
                    sets.Add(new NftSet(Required(set, "family"), Required(set, "table"), Required(set, "name"), elements, set.TryGetProperty("map", out _)));
                }
            }

            return new NftRuleset(
                chains.Select(c => new NftChain(c.Family, c.Table, c.Name, c.Type, c.Hook, c.Priority, c.Policy,
                    rules.Where(r => r.Family == c.Family && r.Table == c.Table && r.Chain == c.Name).Select(r => r.Rule).ToList())).ToList(),
                sets,
                version);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement element, string name) =>
        String(element, name) ?? throw new FormatException($"object without \"{name}\": {element.GetRawText()}");

    /// <summary>"prio" is a number in nft 1.0; later versions may print a keyword, optionally with an offset ("filter + 10").</summary>
    private static int Priority(JsonElement chain)
    {
        if (!chain.TryGetProperty("prio", out var prio))
        {
            return 0;
        }

        if (prio.ValueKind == JsonValueKind.Number && prio.TryGetInt32(out int number))
        {
            return number;
        }

        string text = prio.ValueKind == JsonValueKind.String ? prio.GetString()! : prio.GetRawText();
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && s_priorityNames.TryGetValue(words[0], out int baseValue))
        {
            if (words.Length == 3 && int.TryParse(words[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int offset))
            {
                return words[1] == "-" ? baseValue - offset : baseValue + offset;
            }

            return baseValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
    }
}
