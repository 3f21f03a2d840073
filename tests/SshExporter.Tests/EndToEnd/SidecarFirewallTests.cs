using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.EndToEnd;

/// <summary>
/// The case only the join of remote probe and sidecar can tell: a firewall rejects the SSH port while sshd
/// listens on it. Everything runs inside a network namespace of the test's own: sshd, the firewall rule,
/// and the exporter, whose /metrics is read with curl from inside the namespace.
/// </summary>
[NeedsNetns, NeedsSshd, NeedsTool("curl")]
[NeedsExporterBinary]
public class SidecarFirewallTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_firewall_reject_where_sshd_listens_is_refused_remotely_while_the_listener_is_up()
    {
        await using var inside = await NetworkNamespace.CreateAsync(Token);
        await using var sshd = await SshdFixture.StartAsync(inside, [], Token);
        await inside.AddTcpInputRuleAsync(sshd.Port, "REJECT --reject-with tcp-reset", Token);
        string config = ExporterUnderTest.WriteConfig($"""
            modules:
              quick: {"{"}timeout: 2s{"}"}
            targets:
              - {"{"}address: "{sshd.Target}", module: quick{"}"}
            sidecar:
              sshd_config: {sshd.ConfigPath}
              local_probe_module: quick
            """);
        await using var exporter = ExporterProcess.StartCommand(
            inside.Wrap(ExporterProcess.Executable, [$"--config.file={config}", "--web.listen-address=127.0.0.1:9722"]));

        string body = await NamespaceCurl.GetWhenServingAsync(inside, "http://127.0.0.1:9722/metrics", () => exporter.Output, Token);

        Assert.Equal(1, Value(body, $$"""ssh_connection_refused{target="{{sshd.Target}}"}"""));
        Assert.Equal(1, Value(body, "sshd_service_active"));
        Assert.Equal(1, Value(body, $$"""sshd_listener_up{port="{{sshd.Port}}"}"""));
        Assert.Equal(0, Value(body, $$"""sshd_firewall_port_allowed{backend="iptables",port="{{sshd.Port}}"}"""));
        Assert.Equal(1, Value(body, """sshd_check_success{check="firewall_iptables"}"""));
    }
}
