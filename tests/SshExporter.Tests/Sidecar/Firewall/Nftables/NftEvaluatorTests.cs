using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Nftables;

namespace SshExporter.Tests.Sidecar.Firewall.Nftables;

public class NftEvaluatorTests
{
    [Theory]
    // ct state established,related comes first but a new connection is "new".
    [InlineData(22, FirewallVerdict.Allowed, "inet filter input: tcp dport { 22, 2222 } ct state new accept (handle 8)")]
    [InlineData(2222, FirewallVerdict.Allowed, "inet filter input: tcp dport { 22, 2222 } ct state new accept (handle 8)")]
    [InlineData(3000, FirewallVerdict.Allowed, "inet filter input: tcp dport 3000-3010 accept (handle 9)")]
    [InlineData(3010, FirewallVerdict.Allowed, "inet filter input: tcp dport 3000-3010 accept (handle 9)")]
    [InlineData(80, FirewallVerdict.Allowed, "inet filter input: tcp dport @web accept (handle 10)")]
    [InlineData(8050, FirewallVerdict.Allowed, "inet filter input: tcp dport @web accept (handle 10)")]
    [InlineData(23, FirewallVerdict.Rejected, "inet filter input: tcp dport 23 reject with tcp reset (handle 11)")]
    [InlineData(25, FirewallVerdict.Rejected, "inet filter input: tcp dport 25 reject (handle 12)")]
    // "udp dport 53" does not open TCP 53; "iifname lo" does not admit remote hosts.
    [InlineData(53, FirewallVerdict.Dropped, "policy drop (inet filter input)")]
    [InlineData(8101, FirewallVerdict.Dropped, "policy drop (inet filter input)")]
    public void Single_values_sets_ranges_named_sets_reject_and_policy(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("policy-drop", port, verdict, decidedBy);

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "inet filter ssh: tcp dport 22 counter accept comment \"ssh in\" (handle 12)")]
    // return from ssh resumes input after the jump.
    [InlineData(2222, FirewallVerdict.Allowed, "inet filter input: tcp dport 2222 accept (handle 7)")]
    [InlineData(2223, FirewallVerdict.Dropped, "inet filter deny: log prefix \"denied \" drop (handle 13)")]
    // goto back, then return: back to input (where ssh was jumped to from), not to ssh.
    [InlineData(2224, FirewallVerdict.Allowed, "inet filter input: tcp dport 2224 accept (handle 8)")]
    [InlineData(80, FirewallVerdict.Dropped, "policy drop (inet filter input)")]
    public void Jump_goto_and_return(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("jump-goto", port, verdict, decidedBy);

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "inet filter input: iifname != lo tcp dport 22 accept (handle 6)")]
    [InlineData(23, FirewallVerdict.Dropped, "inet filter input: tcp dport vmap { 23 : drop, 24 : accept, 25 : jump extra } (handle 8)")]
    [InlineData(24, FirewallVerdict.Allowed, "inet filter input: tcp dport vmap { 23 : drop, 24 : accept, 25 : jump extra } (handle 8)")]
    [InlineData(25, FirewallVerdict.Allowed, "inet filter extra: tcp dport 25 accept (handle 16)")]
    [InlineData(2222, FirewallVerdict.Allowed, "inet filter input: tcp dport vmap @ports (handle 9)")]
    [InlineData(2223, FirewallVerdict.Dropped, "inet filter input: tcp dport vmap @ports (handle 9)")]
    [InlineData(28, FirewallVerdict.Allowed, "inet filter input: tcp flags & syn,ack syn tcp dport 28 accept (handle 12)")]
    // A properly routed remote host passes the reverse-path check and is addressed to a local address.
    [InlineData(29, FirewallVerdict.Allowed, "inet filter input: fib daddr type local tcp dport 29 accept (handle 14)")]
    [InlineData(31, FirewallVerdict.Dropped, "policy drop (inet filter input)")]
    public void Verdict_maps_flags_and_fib(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("vmap", port, verdict, decidedBy);

    [Fact]
    public void A_source_restricted_accept_in_one_family_still_leaves_the_other_blocked()
    {
        var decision = FirewallFixtures.Nft("vmap", 26);

        // ip saddr matches only IPv4 packets: IPv6 meets the policy.
        Assert.Equal(FirewallVerdict.Dropped, decision.Verdict);
        Assert.Equal("IPv6: policy drop (inet filter input)", decision.DecidedBy);
        Assert.Contains("IPv4: allowed by inet filter input: ip saddr 10.0.0.0/8 tcp dport 26 accept (handle 10)", decision.Notes);
        Assert.Contains("IPv4: only for traffic where ip saddr 10.0.0.0/8 (rule: inet filter input: ip saddr 10.0.0.0/8 tcp dport 26 accept (handle 10))", decision.Notes);
    }

    [Fact]
    public void Each_family_alone_reads_its_own_rules()
    {
        var ruleset = FirewallFixtures.Nft("vmap");

        Assert.Equal(FirewallVerdict.Allowed, NftEvaluator.EvaluateFamily(ruleset, 26, ipv6: false).Verdict);
        Assert.Equal(FirewallVerdict.Dropped, NftEvaluator.EvaluateFamily(ruleset, 26, ipv6: true).Verdict);
        Assert.Equal(FirewallVerdict.Dropped, NftEvaluator.EvaluateFamily(ruleset, 27, ipv6: false).Verdict);
        Assert.Equal(FirewallVerdict.Allowed, NftEvaluator.EvaluateFamily(ruleset, 27, ipv6: true).Verdict);
    }

    [Fact]
    public void A_rate_limit_allows_and_says_it_holds_only_for_some_connections()
    {
        var decision = FirewallFixtures.Nft("vmap", 30);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Contains(decision.Notes, n => n.StartsWith("only for traffic where limit rate 10/minute (rule: ", StringComparison.Ordinal));
    }

    [Theory]
    // IPv6 passes inet filter (priority 0), then ip6 late (priority 10) drops 22.
    [InlineData(22, FirewallVerdict.Dropped, "IPv6: ip6 late input: tcp dport 22 drop (handle 2)")]
    // IPv4 meets ip early (priority -10) first, which drops 2222 before inet filter would accept it.
    [InlineData(2222, FirewallVerdict.Dropped, "IPv4: ip early input: tcp dport 2222 drop (handle 2)")]
    [InlineData(2223, FirewallVerdict.Allowed, "IPv4: policy accept (ip early input); inet filter input: tcp dport { 22, 2222, 2223 } accept (handle 3)")]
    [InlineData(80, FirewallVerdict.Dropped, "policy drop (inet filter input)")]
    public void Every_base_chain_on_the_input_hook_must_accept_in_priority_order(int port, FirewallVerdict verdict, string decidedBy) =>
        AssertDecision("multiple-chains", port, verdict, decidedBy);

    [Fact]
    public void An_empty_ruleset_allows() =>
        AssertDecision("empty", 22, FirewallVerdict.Allowed, NftEvaluator.NothingFilters);

    [Fact]
    public void Tables_written_by_iptables_nft_with_extensions_are_left_to_the_iptables_backend()
    {
        var decision = FirewallFixtures.Nft("iptables-nft-ufw", 80);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Equal(NftEvaluator.NothingFilters, decision.DecidedBy);
        Assert.Contains("not evaluated here: ip filter INPUT uses iptables match extensions (xt), see the iptables backend", decision.Notes);
    }

    [Fact]
    public void The_summary_names_the_input_chains_and_what_is_left_out()
    {
        Assert.Equal(
            "nft 1.0.6: input hook: ip early input (priority -10, policy accept, 1 rules), inet filter input (priority 0, policy drop, 1 rules), ip6 late input (priority 10, policy accept, 1 rules)",
            NftablesBackend.Summary(FirewallFixtures.Nft("multiple-chains")));
        Assert.Contains("left to the iptables backend: ip filter", NftablesBackend.Summary(FirewallFixtures.Nft("iptables-nft-ufw")), StringComparison.Ordinal);
    }

    private static void AssertDecision(string fixture, int port, FirewallVerdict verdict, string decidedBy)
    {
        var decision = FirewallFixtures.Nft(fixture, port);

        Assert.Equal((verdict, decidedBy), (decision.Verdict, decision.DecidedBy));
    }
}
