using SshExporter.Sidecar;
using SshExporter.Sidecar.Commands;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Firewalld;
using SshExporter.Sidecar.Firewall.Iptables;
using SshExporter.Sidecar.Firewall.Nftables;
using SshExporter.Sidecar.Firewall.Ufw;

namespace SshExporter.Tests.Sidecar.Firewall;

/// <summary>How each backend turns its tool's exit and output into "could not run" or an answer.</summary>
public class BackendTests
{
    // Read per test: each test has its own token.
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_tool_could_not_run_and_says_it_is_missing()
    {
        var runner = new CannedCommands();
        IFirewallBackend[] backends = [new IptablesBackend(runner), new IptablesBackend(runner, ipv6: true), new NftablesBackend(runner), new UfwBackend(runner), new FirewalldBackend(runner)];

        foreach (var backend in backends)
        {
            var report = await backend.EvaluateAsync([22], Token);
            Assert.False(report.Status.CouldRun);
            Assert.True(report.ToolMissing);
            Assert.EndsWith("not found", report.Status.Detail, StringComparison.Ordinal);
            Assert.Empty(report.Ports);
        }
    }

    [Fact]
    public async Task Not_root_could_not_run_with_the_tool_s_own_reason()
    {
        var runner = new CannedCommands()
            .Answer("iptables-save", 4, "", "iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n")
            .Answer("ufw status verbose", 1, "ERROR: You need to be root to run this script\n");

        var iptables = await new IptablesBackend(runner).EvaluateAsync([22], Token);
        var ufw = await new UfwBackend(runner).EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.CouldNotRun("iptables-save exited 4: iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)"), iptables.Status);
        Assert.False(iptables.ToolMissing);
        Assert.Equal(CheckStatus.CouldNotRun("ufw exited 1: ERROR: You need to be root to run this script"), ufw.Status);
    }

    [Fact]
    public async Task Output_that_does_not_parse_could_not_run()
    {
        var runner = new CannedCommands()
            .Answer("iptables-save", 0, "*filter\n:INPUT ACCEPT [0:0]\n")
            .Answer("nft -j list ruleset", 0, "table inet filter {\n");

        var iptables = await new IptablesBackend(runner).EvaluateAsync([22], Token);
        var nft = await new NftablesBackend(runner).EvaluateAsync([22], Token);

        Assert.Equal("could not read iptables-save output: end of input: table filter has no COMMIT", iptables.Status.Detail);
        Assert.StartsWith("could not read nft -j output: not JSON", nft.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_cut_at_the_limit_could_not_run()
    {
        var runner = new CannedCommands().Answer("iptables-save", new CommandResult(CommandStatus.Exited, 0, "*filter\n", "", OutputTruncated: true));

        var report = await new IptablesBackend(runner).EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.CouldNotRun("iptables-save printed more than the output limit"), report.Status);
    }

    [Fact]
    public async Task Legacy_tables_beside_nf_tables_are_read_and_must_let_the_packet_in_too()
    {
        var runner = new CannedCommands()
            .Answer("iptables-save", 0, FirewallFixtures.Read("iptables/accept-policy-drop.rules"), "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n")
            .Answer("iptables-legacy-save", 0, FirewallFixtures.Read("iptables/reject.rules"));

        var report = await new IptablesBackend(runner).EvaluateAsync([22, 80], Token);

        Assert.Equal(["iptables-save", "iptables-legacy-save"], runner.Calls);
        Assert.True(report.Status.CouldRun);
        Assert.StartsWith("[nf_tables] iptables-save v1.8.9 (nf_tables): filter INPUT policy DROP", report.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("; [legacy] iptables-save v1.8.9 (nf_tables): filter INPUT policy ACCEPT", report.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((FirewallVerdict.Rejected, "[legacy] -A INPUT -p tcp -m tcp --dport 22 -j REJECT --reject-with tcp-reset"), (report.For(22)!.Verdict, report.For(22)!.DecidedBy));
        Assert.Equal((FirewallVerdict.Dropped, "[nf_tables] policy DROP (filter INPUT)"), (report.For(80)!.Verdict, report.For(80)!.DecidedBy));
    }

    [Fact]
    public async Task Legacy_tables_that_cannot_be_read_leave_no_answer()
    {
        var runner = new CannedCommands()
            .Answer("ip6tables-save", 0, "", "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n");

        var report = await new IptablesBackend(runner, ipv6: true).EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.CouldNotRun("ip6tables-save reports legacy tables too, but ip6tables-legacy-save not found"), report.Status);
    }

    [Fact]
    public async Task Ufw_active_answers_per_port()
    {
        var runner = new CannedCommands().Answer("ufw status verbose", 0, FirewallFixtures.Read("ufw/active-verbose.txt"));

        var report = await new UfwBackend(runner).EvaluateAsync([22, 3050], Token);

        Assert.True(report.Status.CouldRun);
        Assert.StartsWith("ufw active, default deny (incoming), 18 rule(s): 22/tcp", report.Status.Detail, StringComparison.Ordinal);
        Assert.Equal([FirewallVerdict.Allowed, FirewallVerdict.Dropped], report.Ports.Select(p => p.Verdict));
    }

    [Fact]
    public async Task Firewalld_not_running_filters_nothing()
    {
        var runner = new CannedCommands().Answer("firewall-cmd --state", FirewalldBackend.NotRunning, "not running\n");

        var report = await new FirewalldBackend(runner).EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.Ran("firewalld is not running"), report.Status);
        Assert.Equal(FirewallVerdict.Allowed, Assert.Single(report.Ports).Verdict);
        Assert.Equal(["firewall-cmd --state"], runner.Calls);
    }

    [Fact]
    public async Task Firewalld_running_lists_its_zones()
    {
        var runner = new CannedCommands()
            .Answer("firewall-cmd --state", 0, "running\n")
            .Answer("firewall-cmd --list-all-zones", 0, FirewallFixtures.Read("firewalld/list-all-zones.txt"));

        var report = await new FirewalldBackend(runner).EvaluateAsync([22, 9999], Token);

        Assert.StartsWith("firewalld running; internal target default, services ssh mdns samba-client dhcpv6-client, ports 2222/tcp; public (default) target default", report.Status.Detail, StringComparison.Ordinal);
        Assert.Equal([FirewallVerdict.Allowed, FirewallVerdict.Rejected], report.Ports.Select(p => p.Verdict));
    }

    [Fact]
    public async Task Firewalld_refusing_to_list_could_not_run()
    {
        var runner = new CannedCommands()
            .Answer("firewall-cmd --state", 0, "running\n")
            .Answer("firewall-cmd --list-all-zones", 11, "", "Authorization failed.\n    Make sure polkit agent is running or run the application as superuser.\n");

        var report = await new FirewalldBackend(runner).EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.CouldNotRun("firewall-cmd --list-all-zones exited 11: Authorization failed."), report.Status);
        Assert.False(report.ToolMissing);
    }
}
