using System.Text.Json;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>One rule: its expressions as <c>nft -j</c> prints them (matches, statements, a verdict), in order.</summary>
public sealed record NftRule(long Handle, IReadOnlyList<JsonElement> Expressions, string? Comment);

/// <summary>
/// A chain. Base chains have a <see cref="Hook"/> ("input", ...), a <see cref="Type"/> ("filter", "nat", ...), a
/// priority (lower runs first) and a policy ("accept" when not given); regular chains only run when jumped to.
/// </summary>
public sealed record NftChain(
    string Family,
    string Table,
    string Name,
    string? Type,
    string? Hook,
    int Priority,
    string? Policy,
    IReadOnlyList<NftRule> Rules)
{
    public bool IsBase => Hook is not null;

    public string Label => $"{Family} {Table} {Name}";
}

/// <summary>A named set or map: its elements as printed (numbers, strings, ranges, prefixes, [key, value] pairs for maps).</summary>
public sealed record NftSet(string Family, string Table, string Name, IReadOnlyList<JsonElement> Elements, bool IsMap);

/// <summary>The whole <c>nft -j list ruleset</c>: chains with their rules, named sets and maps, and the nft version.</summary>
public sealed record NftRuleset(IReadOnlyList<NftChain> Chains, IReadOnlyList<NftSet> Sets, string? Version)
{
    public static readonly NftRuleset Empty = new([], [], null);

    public NftChain? Chain(string family, string table, string name) =>
        Chains.FirstOrDefault(c => c.Family == family && c.Table == table && c.Name == name);

    public NftSet? Set(string family, string table, string name) =>
        Sets.FirstOrDefault(s => s.Family == family && s.Table == table && s.Name == name);
}
