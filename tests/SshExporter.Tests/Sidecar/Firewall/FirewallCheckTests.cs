using SshExporter.Sidecar;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Iptables;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Firewall;

public class FirewallCheckTests
{
    // Read per test: each test has its own token.
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_every_backend_in_a_fixed_order()
    {
        var runner = new CannedCommands().Answer("iptables-save", 0, FirewallFixtures.Read("iptables/accept-policy-drop.rules"));

        var report = await FirewallCheck.Create(runner).EvaluateAsync([22, 2222, 22], Token);

        Assert.Equal(
            [FirewallBackends.Iptables, FirewallBackends.Ip6tables, FirewallBackends.Nftables],
            report.Backends.Select(b => b.Backend));
        var iptables = report.For(FirewallBackends.Iptables)!;
        Assert.Equal([22, 2222], iptables.Ports.Select(p => p.Port));
        Assert.Equal([true, false], iptables.Ports.Select(p => p.Allowed));
        Assert.All(report.Backends.Skip(1), b => Assert.True(b.ToolMissing));
    }

    [Fact]
    public async Task A_backend_that_throws_reads_as_could_not_run_and_the_others_still_answer()
    {
        var check = new FirewallCheck([new Throwing(), new IptablesBackend(new CannedCommands().Answer("iptables-save", 0, ""))]);

        var report = await check.EvaluateAsync([22], Token);

        Assert.Equal(CheckStatus.CouldNotRun("InvalidOperationException: surprise"), report.For("throwing")!.Status);
        Assert.True(report.For(FirewallBackends.Iptables)!.For(22)!.Allowed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public async Task Refuses_ports_outside_1_to_65535(int port) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FirewallCheck.Create(new CannedCommands()).EvaluateAsync([port], Token));

    [Fact]
    public void A_decision_reads_as_one_line()
    {
        var decision = FirewallFixtures.Iptables("source-restricted", 22);

        Assert.Equal(
            "22/tcp allowed by -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT; only for traffic where -s 10.0.0.0/8 (rule: -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT); other traffic: dropped by policy DROP (filter INPUT)",
            decision.ToString());
    }

    private sealed class Throwing : IFirewallBackend
    {
        public string Name => "throwing";

        public Task<FirewallBackendReport> EvaluateAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("surprise");
    }
}
