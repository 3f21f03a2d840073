using SshExporter.Sidecar.Firewall.Iptables;

namespace SshExporter.Tests.Sidecar.Firewall.Iptables;

public class IptablesSaveParserTests
{
    [Fact]
    public void Reads_tables_chains_policies_and_rules_in_order()
    {
        var ruleset = FirewallFixtures.Iptables("user-chain-return");

        Assert.Equal("iptables-save v1.8.9 (nf_tables)", ruleset.Generator);
        var filter = Assert.Single(ruleset.Tables);
        Assert.Equal(["INPUT", "FORWARD", "OUTPUT", "SSH"], filter.Chains.Select(c => c.Name));
        Assert.Equal("DROP", filter.Chain("INPUT")!.Policy);
        Assert.Null(filter.Chain("SSH")!.Policy);
        Assert.Equal(["-A SSH -p tcp -m tcp --dport 2222 -j RETURN", "-A SSH -p tcp -m tcp --dport 22 -j ACCEPT", "-A SSH -j DROP"],
            filter.Chain("SSH")!.Rules.Select(r => r.Text));
    }

    [Fact]
    public void Splits_a_rule_into_basic_options_match_modules_and_target()
    {
        var rule = IptablesSaveParser.ParseRule(
            "-A INPUT -s 10.0.0.0/8 ! -i lo -p tcp -m multiport --dports 22,2000:2010 -m conntrack ! --ctstate INVALID -m comment --comment \"ssh \\\"in\\\"\" -j REJECT --reject-with tcp-reset");

        Assert.Equal("INPUT", rule.Chain);
        Assert.Equal(["-s 10.0.0.0/8", "! -i lo", "-p tcp"], rule.Basic.Select(o => o.ToString()));
        Assert.Equal(["multiport", "conntrack", "comment"], rule.Matches.Select(m => m.Module));
        Assert.True(rule.Matches[1].Options[0].Negated);
        Assert.Equal("ssh \"in\"", rule.Matches[2].Options[0].Value);
        Assert.Equal("REJECT", rule.Target!.Name);
        Assert.False(rule.Target.IsGoto);
        Assert.Equal("--reject-with tcp-reset", Assert.Single(rule.Target.Options).ToString());
    }

    [Fact]
    public void Reads_goto_counters_the_old_negation_placement_and_implicit_protocol_modules()
    {
        var rule = IptablesSaveParser.ParseRule("[12:720] -A INPUT -p tcp --dport ! 22 -g LOGDROP");

        Assert.Equal("-A INPUT -p tcp --dport ! 22 -g LOGDROP", rule.Text);
        var match = Assert.Single(rule.Matches);
        Assert.Equal("tcp", match.Module);
        Assert.True(match.Options[0].Negated);
        Assert.Equal("22", match.Options[0].Value);
        Assert.True(rule.Target!.IsGoto);
    }

    [Fact]
    public void Empty_output_is_an_empty_ruleset()
    {
        var ruleset = FirewallFixtures.Iptables("empty");

        Assert.Empty(ruleset.Tables);
        Assert.Null(ruleset.Table("filter"));
    }

    [Fact]
    public void Reads_every_table_iptables_save_prints()
    {
        var ruleset = FirewallFixtures.Iptables("other-tables");

        Assert.Equal(["mangle", "raw", "filter", "nat"], ruleset.Tables.Select(t => t.Name));
    }

    [Theory]
    [InlineData("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\n", "end of input: table filter has no COMMIT")]
    [InlineData("*filter\n-A INPUT -j ACCEPT\nCOMMIT\n", "line 2: rule for undeclared chain INPUT")]
    [InlineData(":INPUT ACCEPT [0:0]\n", "line 1: rule or chain outside a *table section")]
    [InlineData("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \"open\nCOMMIT\n", "line 3: unterminated quote")]
    [InlineData("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT tcp -j ACCEPT\nCOMMIT\n", "line 3: expected an option at 'tcp'")]
    [InlineData("*filter\n:INPUT ACCEPT [0:0]\nhello\nCOMMIT\n", "line 3: expected -A CHAIN")]
    public void Refuses_what_iptables_restore_would_refuse_naming_the_line(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => IptablesSaveParser.Parse(text));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
