using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Iptables;

namespace SshExporter.Tests.Sidecar.Firewall.Iptables;

public class IptablesEvaluatorTests
{
    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT")]
    [InlineData(2222, FirewallVerdict.Dropped, "policy DROP (filter INPUT)")]
    public void An_accept_rule_before_a_drop_policy(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("accept-policy-drop", port, verdict, decidedBy);

    [Theory]
    [InlineData(22, FirewallVerdict.Rejected, "-A INPUT -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset")]
    [InlineData(2222, FirewallVerdict.Rejected, "-A INPUT -p tcp -m tcp --dport 2222 -j REJECT --reject-with icmp-port-unreachable")]
    [InlineData(2223, FirewallVerdict.Rejected, "-A INPUT -p tcp -m tcp --dport 2223 -j REJECT --reject-with icmp-admin-prohibited")]
    [InlineData(80, FirewallVerdict.Allowed, "policy ACCEPT (filter INPUT)")]
    public void Reject_with_any_reply_is_rejected(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("reject", port, verdict, decidedBy);

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "-A SSH -p tcp -m tcp --dport 22 -j ACCEPT")]
    // RETURN goes back to INPUT, whose next rule accepts 2222.
    [InlineData(2222, FirewallVerdict.Allowed, "-A INPUT -p tcp -m tcp --dport 2222 -j ACCEPT")]
    [InlineData(80, FirewallVerdict.Dropped, "-A SSH -j DROP")]
    public void Jumps_into_a_user_chain_and_returns(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("user-chain-return", port, verdict, decidedBy);

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed)]
    [InlineData(80, FirewallVerdict.Allowed)]
    [InlineData(8000, FirewallVerdict.Allowed)]
    [InlineData(8050, FirewallVerdict.Allowed)]
    [InlineData(8100, FirewallVerdict.Allowed)]
    [InlineData(8101, FirewallVerdict.Dropped)]
    [InlineData(2200, FirewallVerdict.Allowed)]
    [InlineData(2300, FirewallVerdict.Allowed)]
    [InlineData(2199, FirewallVerdict.Dropped)]
    // A UDP rule does not open the TCP port.
    [InlineData(5000, FirewallVerdict.Dropped)]
    public void Multiport_lists_and_port_ranges(int port, FirewallVerdict verdict) =>
        Assert.Equal(verdict, FirewallFixtures.Iptables("multiport-ranges", port).Verdict);

    [Theory]
    // ESTABLISHED,RELATED comes first but a new connection is NEW: the NEW rule decides.
    [InlineData(22, FirewallVerdict.Allowed, "-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT")]
    [InlineData(2222, FirewallVerdict.Dropped, "policy DROP (filter INPUT)")]
    public void Established_rules_do_not_let_a_new_connection_in(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("ctstate", port, verdict, decidedBy);

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "policy ACCEPT (filter INPUT)")]
    [InlineData(80, FirewallVerdict.Rejected, "-A INPUT -p tcp -m tcp ! --dport 22 -j REJECT --reject-with icmp-port-unreachable")]
    public void Negated_protocol_port_and_state(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("negation", port, verdict, decidedBy);

    [Fact]
    public void Rules_for_the_loopback_interface_do_not_let_remote_hosts_in() =>
        AssertDecision("loopback-only", 22, FirewallVerdict.Dropped, "policy DROP (filter INPUT)");

    [Fact]
    public void An_accept_limited_to_some_sources_allows_and_says_for_whom()
    {
        var decision = FirewallFixtures.Iptables("source-restricted", 22);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Equal("-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT", decision.DecidedBy);
        Assert.Contains("only for traffic where -s 10.0.0.0/8 (rule: -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT)", decision.Notes);
        Assert.Contains("other traffic: dropped by policy DROP (filter INPUT)", decision.Notes);
    }

    [Fact]
    public void An_accept_limited_to_one_interface_allows_and_says_which()
    {
        var decision = FirewallFixtures.Iptables("source-restricted", 2222);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Contains(decision.Notes, n => n.StartsWith("only for traffic where -i eth1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drop_for_everyone_outside_a_network_leaves_the_port_open_only_to_that_network()
    {
        var decision = FirewallFixtures.Iptables("negated-source", 22);

        Assert.Equal((FirewallVerdict.Allowed, "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT"), (decision.Verdict, decision.DecidedBy));
        Assert.Contains("only for traffic where -s 10.0.0.0/8 (rule: -A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j DROP)", decision.Notes);
        Assert.Contains("other traffic: dropped by -A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j DROP", decision.Notes);
    }

    [Fact]
    public void An_accept_for_everyone_outside_a_network_is_open_to_an_ordinary_remote_host()
    {
        var decision = FirewallFixtures.Iptables("negated-source", 2222);

        Assert.Equal((FirewallVerdict.Allowed, "-A INPUT ! -s 192.0.2.0/24 -p tcp -m tcp --dport 2222 -j ACCEPT"), (decision.Verdict, decision.DecidedBy));
        Assert.DoesNotContain(decision.Notes, n => n.StartsWith("only", StringComparison.Ordinal));
    }

    [Fact]
    public void Fail2ban_bans_block_only_the_banned_sources()
    {
        var decision = FirewallFixtures.Iptables("fail2ban", 22);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Equal("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT", decision.DecidedBy);
        Assert.Contains("other traffic: rejected by -A f2b-sshd -s 203.0.113.7/32 -j REJECT --reject-with icmp-port-unreachable", decision.Notes);
    }

    [Fact]
    public void An_accept_behind_a_match_not_understood_is_allowed_only_where_it_holds()
    {
        var decision = FirewallFixtures.Iptables("unevaluated", 22);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Contains("only for traffic where -m limit --limit 3/min (rule: -A INPUT -p tcp -m tcp --dport 22 -m limit --limit 3/min -j ACCEPT)", decision.Notes);
        Assert.Contains("other traffic: dropped by policy DROP (filter INPUT)", decision.Notes);
    }

    [Fact]
    public void A_recent_list_rate_limit_counts_per_source_so_a_fresh_host_gets_in()
    {
        var decision = FirewallFixtures.Iptables("unevaluated", 2222);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Equal("-A INPUT -p tcp -m tcp --dport 2222 -j ACCEPT", decision.DecidedBy);
        Assert.Contains(decision.Notes, n => n.StartsWith("other traffic: dropped by -A INPUT -p tcp -m tcp --dport 2222 -m recent --update", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drop_behind_a_match_not_understood_still_leaves_the_port_blocked_for_everyone()
    {
        // Either way the hashlimit goes, nothing accepts 2223.
        var decision = FirewallFixtures.Iptables("unevaluated", 2223);

        Assert.Equal((FirewallVerdict.Dropped, "policy DROP (filter INPUT)"), (decision.Verdict, decision.DecidedBy));
        Assert.Contains(decision.Notes, n => n.StartsWith("other traffic: dropped by -A INPUT -p tcp -m tcp --dport 2223 -m hashlimit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(23, FirewallVerdict.Dropped, "-A LOGDROP -j DROP")]
    // goto CHECK then RETURN goes back past INPUT (the chain that did the goto) to its policy.
    [InlineData(24, FirewallVerdict.Dropped, "policy DROP (filter INPUT)")]
    // jump CHECK returns to the rule after the jump.
    [InlineData(25, FirewallVerdict.Allowed, "-A INPUT -p tcp -m tcp --dport 25 -j ACCEPT")]
    [InlineData(22, FirewallVerdict.Allowed, "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT")]
    public void Goto_and_log_targets(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("goto-log", port, verdict, decidedBy);

    [Fact]
    public void An_unknown_target_is_passed_and_noted()
    {
        var decision = FirewallFixtures.Iptables("unknown-target", 22);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Equal("-A INPUT -p tcp -j ACCEPT", decision.DecidedBy);
        Assert.Contains("assumed target NFQUEUE lets the packet continue, not evaluated (rule: -A INPUT -p tcp -m tcp --dport 22 -j NFQUEUE --queue-num 3)", decision.Notes);
    }

    [Fact]
    public void Only_filter_decides_and_the_other_tables_are_noted()
    {
        var decision = FirewallFixtures.Iptables("other-tables", 22);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Contains("raw PREROUTING has 1 DROP/REJECT rule(s), not evaluated: only filter INPUT decides here", decision.Notes);
        Assert.Contains(decision.Notes, n => n.StartsWith("nat PREROUTING rewrites destination ports", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_ruleset_allows()
    {
        var decision = FirewallFixtures.Iptables("empty", 22);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Equal(IptablesEvaluator.NothingFilters, decision.DecidedBy);
    }

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed)]
    [InlineData(2222, FirewallVerdict.Rejected)]
    [InlineData(80, FirewallVerdict.Dropped)]
    public void Ip6tables_rules_read_the_same_way(int port, FirewallVerdict verdict) =>
        Assert.Equal(verdict, FirewallFixtures.Iptables("ipv6", port).Verdict);

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT")]
    [InlineData(2222, FirewallVerdict.Allowed, "-A ufw-user-limit-accept -j ACCEPT")]
    [InlineData(23, FirewallVerdict.Dropped, "-A ufw-user-input -p tcp -m tcp --dport 23 -j DROP")]
    [InlineData(24, FirewallVerdict.Rejected, "-A ufw-user-input -p tcp -m tcp --dport 24 -j REJECT --reject-with tcp-reset")]
    [InlineData(80, FirewallVerdict.Dropped, "policy DROP (filter INPUT)")]
    public void A_ufw_ruleset_is_evaluated_through_its_chains(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("ufw", port, verdict, decidedBy);

    [Fact]
    public void Legacy_and_nf_tables_rulesets_must_both_let_the_packet_in()
    {
        var decision = IptablesEvaluator.Evaluate(
            [(FirewallFixtures.Iptables("multiport-ranges"), "nf_tables"), (FirewallFixtures.Iptables("reject"), "legacy")], 22);

        Assert.Equal(FirewallVerdict.Rejected, decision.Verdict);
        Assert.Equal("[legacy] -A INPUT -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset", decision.DecidedBy);
    }

    private static void AssertDecision(string fixture, int port, FirewallVerdict verdict, string decidedBy)
    {
        var decision = FirewallFixtures.Iptables(fixture, port);

        Assert.Equal((verdict, decidedBy), (decision.Verdict, decision.DecidedBy));
        Assert.Equal(port, decision.Port);
    }
}
