using SshExporter.Sidecar;
using SshExporter.Sidecar.Commands;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Iptables;
using SshExporter.Sidecar.Firewall.Nftables;
using SshExporter.Tests.Fixtures;

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
        IFirewallBackend[] backends = [new IptablesBackend(runner), new IptablesBackend(runner, ipv6: true), new NftablesBackend(runner)];

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
            .Answer("iptables-save", 4, "", "iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n");

        var iptables = await new IptablesBackend(runner).EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.CouldNotRun("iptables-save exited 4: iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)"), iptables.Status);
        Assert.False(iptables.ToolMissing);
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
    public async Task Rules_that_loop_could_not_run()
    {
        var runner = new CannedCommands().Answer("iptables-save", 0, "*filter\n:INPUT ACCEPT [0:0]\n:LOOP - [0:0]\n-A INPUT -j LOOP\n-A LOOP -j LOOP\nCOMMIT\n");

        var report = await new IptablesBackend(runner).EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.CouldNotRun("could not read iptables-save output: chain LOOP jumps back into itself"), report.Status);
    }
}
