using System.Text.RegularExpressions;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Iptables;
using SshExporter.Sidecar.Firewall.Nftables;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Firewall;

/// <summary>
/// Real rules in a network namespace the test creates, read back through the real iptables-save, ip6tables-save and
/// nft by the check itself (its commands prefixed with "ip netns exec"). Never touches the host's own rules.
/// </summary>
[NeedsNetns]
public class NamespaceFirewallTests
{
    // Read per test: each test has its own token.
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_iptables_accept_before_a_drop_policy()
    {
        await using var ns = await IptablesAsync();
        await ns.RunCheckedAsync(["iptables", "-P", "INPUT", "DROP"], Token);
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"], Token);

        var report = await new IptablesBackend(ns.Runner).EvaluateAsync([22, 2222], Token);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        Assert.Matches(@"^iptables-save v\S+ \((nf_tables|legacy)\): filter INPUT policy DROP, 1 INPUT rule\(s\)", report.Status.Detail);
        AssertDecision(report, 22, FirewallVerdict.Allowed, "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
        AssertDecision(report, 2222, FirewallVerdict.Dropped, "policy DROP (filter INPUT)");
    }

    [Fact]
    public async Task An_iptables_accept_for_one_network_allows_and_says_for_whom()
    {
        await using var ns = await IptablesAsync();
        await ns.RunCheckedAsync(["iptables", "-P", "INPUT", "DROP"], Token);
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-s", "10.0.0.0/8", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"], Token);

        var report = await new IptablesBackend(ns.Runner).EvaluateAsync([22], Token);

        AssertDecision(report, 22, FirewallVerdict.Allowed, "-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT");
        Assert.Equal(
            ["only for traffic where -s 10.0.0.0/8 (rule: -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT)", "other traffic: dropped by policy DROP (filter INPUT)"],
            report.For(22)!.Notes);
    }

    [Fact]
    public async Task An_iptables_drop()
    {
        await using var ns = await IptablesAsync();
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP"], Token);

        var report = await new IptablesBackend(ns.Runner).EvaluateAsync([22, 2222], Token);

        AssertDecision(report, 22, FirewallVerdict.Dropped, "-A INPUT -p tcp -m tcp --dport 22 -j DROP");
        AssertDecision(report, 2222, FirewallVerdict.Allowed, "policy ACCEPT (filter INPUT)");
    }

    [Fact]
    public async Task An_iptables_reject_with_tcp_reset()
    {
        await using var ns = await IptablesAsync();
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "REJECT", "--reject-with", "tcp-reset"], Token);

        var iptables = await new IptablesBackend(ns.Runner).EvaluateAsync([22], Token);
        var nftables = await new NftablesBackend(ns.Runner).EvaluateAsync([22], Token);

        AssertDecision(iptables, 22, FirewallVerdict.Rejected, "-A INPUT -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset");
        if (iptables.Status.Detail.Contains("(nf_tables)", StringComparison.Ordinal) && nftables.Status.CouldRun)
        {
            // iptables-nft wrote the rule into nftables: the nft view reads the same REJECT (an xt target it knows).
            Assert.Equal(FirewallVerdict.Rejected, nftables.For(22)!.Verdict);
            Assert.StartsWith("IPv4: ip filter INPUT: tcp dport 22 counter xt target REJECT", nftables.For(22)!.DecidedBy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_jump_into_a_user_chain_that_returns()
    {
        await using var ns = await IptablesAsync();
        await ns.RunCheckedAsync(["iptables", "-N", "SSHX"], Token);
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-p", "tcp", "-j", "SSHX"], Token);
        await ns.RunCheckedAsync(["iptables", "-A", "SSHX", "-p", "tcp", "--dport", "2222", "-j", "RETURN"], Token);
        await ns.RunCheckedAsync(["iptables", "-A", "SSHX", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"], Token);
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-p", "tcp", "-m", "multiport", "--dports", "2000:2300", "-j", "REJECT"], Token);
        await ns.RunCheckedAsync(["iptables", "-P", "INPUT", "DROP"], Token);

        var report = await new IptablesBackend(ns.Runner).EvaluateAsync([22, 2222, 80], Token);

        AssertDecision(report, 22, FirewallVerdict.Allowed, "-A SSHX -p tcp -m tcp --dport 22 -j ACCEPT");
        AssertDecision(report, 2222, FirewallVerdict.Rejected, "-A INPUT -p tcp -m multiport --dports 2000:2300 -j REJECT --reject-with icmp-port-unreachable");
        AssertDecision(report, 80, FirewallVerdict.Dropped, "policy DROP (filter INPUT)");
    }

    [Fact]
    public async Task A_drop_policy_alone()
    {
        await using var ns = await IptablesAsync();
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-i", "lo", "-j", "ACCEPT"], Token);
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"], Token);
        await ns.RunCheckedAsync(["iptables", "-P", "INPUT", "DROP"], Token);

        var report = await new IptablesBackend(ns.Runner).EvaluateAsync([22], Token);

        AssertDecision(report, 22, FirewallVerdict.Dropped, "policy DROP (filter INPUT)");
    }

    [Fact]
    public async Task Ip6tables_is_read_apart_from_iptables()
    {
        await using var ns = await IptablesAsync();
        Requires.Tool("ip6tables");
        await ns.RunCheckedAsync(["ip6tables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "REJECT", "--reject-with", "tcp-reset"], Token);

        var ipv6 = await new IptablesBackend(ns.Runner, ipv6: true).EvaluateAsync([22], Token);
        var ipv4 = await new IptablesBackend(ns.Runner).EvaluateAsync([22], Token);

        AssertDecision(ipv6, 22, FirewallVerdict.Rejected, "-A INPUT -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset");
        Assert.Equal(FirewallVerdict.Allowed, ipv4.For(22)!.Verdict);
    }

    [Fact]
    public async Task Legacy_tables_beside_nf_tables_are_read_too()
    {
        await using var ns = await IptablesAsync();
        Requires.Tool("iptables-legacy");
        await ns.RunCheckedAsync(["iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"], Token);
        Assert.SkipUnless(await ns.TryRunAsync(["iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP"], Token),
            "the kernel offers no legacy ip_tables here");
        var nft = await ns.Runner.RunAsync("iptables-save", [], Token);
        Assert.SkipUnless(nft.StandardError.Contains(IptablesBackend.LegacyWarning, StringComparison.Ordinal),
            "iptables-save is not the nf_tables variant here, so it does not point at legacy tables");

        var report = await new IptablesBackend(ns.Runner).EvaluateAsync([22], Token);

        AssertDecision(report, 22, FirewallVerdict.Dropped, "[legacy] -A INPUT -p tcp -m tcp --dport 22 -j DROP");
    }

    [Fact]
    public async Task An_nftables_ruleset_with_a_set_a_jump_a_reject_and_a_drop_policy()
    {
        await using var ns = await NetworkNamespace.CreateAsync(Token);
        Requires.Tool("nft");
        using (var directory = new TempDirectory())
        {
            string file = directory.Write("ruleset.nft", """
                table inet sshx {
                	chain input {
                		type filter hook input priority filter; policy drop;
                		ct state established,related accept
                		iifname "lo" accept
                		tcp dport 22 jump ssh
                		tcp dport { 2222, 3000-3010 } accept
                		tcp dport 23 reject with tcp reset
                	}
                	chain ssh {
                		ip saddr 203.0.113.7 drop
                		accept
                	}
                }
                """);
            await ns.RunCheckedAsync(["nft", "-f", file], Token);
        }

        var report = await new NftablesBackend(ns.Runner).EvaluateAsync([22, 2222, 3005, 23, 80], Token);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        Assert.Contains("input hook: inet sshx input (priority 0, policy drop, 5 rules)", report.Status.Detail, StringComparison.Ordinal);
        // Rule handles depend on the nft version; the words do not.
        AssertDecision(WithoutHandles(report), 22, FirewallVerdict.Allowed, "inet sshx ssh: accept");
        Assert.Contains(report.For(22)!.Notes, n => n.StartsWith("other traffic: dropped by inet sshx ssh: ip saddr 203.0.113.7 drop", StringComparison.Ordinal));
        AssertDecision(WithoutHandles(report), 2222, FirewallVerdict.Allowed, "inet sshx input: tcp dport { 2222, 3000-3010 } accept");
        AssertDecision(WithoutHandles(report), 3005, FirewallVerdict.Allowed, "inet sshx input: tcp dport { 2222, 3000-3010 } accept");
        AssertDecision(WithoutHandles(report), 23, FirewallVerdict.Rejected, "inet sshx input: tcp dport 23 reject with tcp reset");
        AssertDecision(report, 80, FirewallVerdict.Dropped, "policy drop (inet sshx input)");
    }

    [Fact]
    public async Task An_empty_namespace_filters_nothing()
    {
        await using var ns = await IptablesAsync();
        Requires.Tool("nft");

        var report = await FirewallCheck.Create(ns.Runner).EvaluateAsync([22], Token);

        Assert.Equal(IptablesEvaluator.NothingFilters, report.For(FirewallBackends.Iptables)!.For(22)!.DecidedBy);
        Assert.Equal(IptablesEvaluator.NothingFilters, report.For(FirewallBackends.Ip6tables)!.For(22)!.DecidedBy);
        Assert.Equal(NftEvaluator.NothingFilters, report.For(FirewallBackends.Nftables)!.For(22)!.DecidedBy);
    }

    [Fact]
    public async Task Without_root_the_tools_refuse_and_the_check_could_not_run()
    {
        await using var ns = await IptablesAsync();
        Requires.Tool("nft");
        string setpriv = Requires.Tool("setpriv");
        var runner = ns.UnprivilegedRunner(setpriv);

        var iptables = await new IptablesBackend(runner).EvaluateAsync([22], Token);
        var nftables = await new NftablesBackend(runner).EvaluateAsync([22], Token);

        Assert.False(iptables.Status.CouldRun);
        Assert.False(iptables.ToolMissing);
        Assert.Matches("^iptables-save exited [1-9][0-9]*: .*(Permission denied|you must be root)", iptables.Status.Detail);
        Assert.Empty(iptables.Ports);
        Assert.False(nftables.Status.CouldRun);
        Assert.Matches("^nft exited [1-9][0-9]*: .*(Operation not permitted|Permission denied)", nftables.Status.Detail);
    }

    /// <summary>A namespace for the iptables tests; the tools are checked first, so a skip leaves no namespace behind.</summary>
    private static Task<NetworkNamespace> IptablesAsync()
    {
        Requires.Tool("iptables");
        Requires.Tool("iptables-save");
        return NetworkNamespace.CreateAsync(Token);
    }

    private static FirewallBackendReport WithoutHandles(FirewallBackendReport report) =>
        report with { Ports = report.Ports.Select(p => p with { DecidedBy = Regex.Replace(p.DecidedBy, @" \(handle \d+\)", "") }).ToList() };

    private static void AssertDecision(FirewallBackendReport report, int port, FirewallVerdict verdict, string decidedBy)
    {
        Assert.True(report.Status.CouldRun, report.Status.Detail);
        var decision = report.For(port);
        Assert.NotNull(decision);
        Assert.Equal((verdict, decidedBy), (decision.Verdict, decision.DecidedBy));
    }
}
