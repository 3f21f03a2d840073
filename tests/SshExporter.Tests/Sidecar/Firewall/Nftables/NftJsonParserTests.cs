using SshExporter.Sidecar.Firewall.Nftables;

namespace SshExporter.Tests.Sidecar.Firewall.Nftables;

public class NftJsonParserTests
{
    [Fact]
    public void Reads_chains_with_hook_priority_policy_and_their_rules()
    {
        var ruleset = FirewallFixtures.Nft("multiple-chains");

        Assert.Equal("1.0.6", ruleset.Version);
        Assert.Equal(
            ["ip early input input -10 accept", "inet filter input input 0 drop", "ip6 late input input 10 accept", "inet nat prerouting prerouting -100 accept"],
            ruleset.Chains.Select(c => $"{c.Label} {c.Hook} {c.Priority} {c.Policy}"));
        Assert.Single(ruleset.Chain("inet", "filter", "input")!.Rules);
    }

    [Fact]
    public void Reads_named_sets_and_verdict_maps()
    {
        var sets = FirewallFixtures.Nft("policy-drop").Sets;
        var maps = FirewallFixtures.Nft("vmap").Sets;

        var web = Assert.Single(sets);
        Assert.Equal(("web", false, 2), (web.Name, web.IsMap, web.Elements.Count));
        var ports = Assert.Single(maps);
        Assert.Equal(("ports", true, 2), (ports.Name, ports.IsMap, ports.Elements.Count));
    }

    [Fact]
    public void Renders_rules_in_nft_words()
    {
        var ruleset = FirewallFixtures.Nft("jump-goto");
        var ssh = ruleset.Chain("inet", "filter", "ssh")!;

        Assert.Equal(
            [
                "inet filter ssh: tcp dport 2222 return (handle 9)",
                "inet filter ssh: tcp dport 2223 goto deny (handle 10)",
                "inet filter ssh: tcp dport 2224 goto back (handle 11)",
                "inet filter ssh: tcp dport 22 counter accept comment \"ssh in\" (handle 12)",
            ],
            ssh.Rules.Select(rule => NftRenderer.Rule(ssh, rule)));
    }

    [Fact]
    public void An_empty_ruleset_has_no_chains()
    {
        Assert.Empty(FirewallFixtures.Nft("empty").Chains);
        Assert.Empty(NftJsonParser.Parse("").Chains);
    }

    [Theory]
    [InlineData("table inet filter {", "not JSON")]
    [InlineData("{\"tables\": []}", "no top-level \"nftables\" array")]
    [InlineData("{\"nftables\": [{\"chain\": {\"family\": \"inet\", \"name\": \"input\"}}]}", "object without \"table\"")]
    public void Refuses_what_is_not_nft_json(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => NftJsonParser.Parse(json));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
