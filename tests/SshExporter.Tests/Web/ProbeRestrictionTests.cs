using System.Net;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Web;

/// <summary>
/// <c>allowed_targets</c> against the running exporter: an allowed target is probed; a port, a name or an address
/// outside the module's lists gets 403 with the module and the rule, nothing is dialled, and no outcome is
/// counted. <c>localhost</c> resolves to 127.0.0.1 (and ::1) here, so networks of 127.0.0.2 alone refuse it after
/// its lookup. Configured <c>/metrics</c> targets are the admin's own and are probed whatever the module allows.
/// </summary>
[NeedsExporterBinary]
public class ProbeRestrictionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Config(int port) => $"""
        modules:
          loopback:
            allowed_targets:
              networks: [127.0.0.1/32]
              ports: [{port}]
          other_address:
            allowed_targets:
              networks: [127.0.0.2]
          names_only:
            allowed_targets:
              hosts: ['*.invalid', LOCALHOST]
          name_and_network:
            allowed_targets:
              hosts: [localhost]
              networks: [127.0.0.2]
          addresses_only:
            allowed_targets:
              hosts: []
              networks: [127.0.0.0/8]
        targets:
          - address: 127.0.0.1:{port}
            module: other_address
        """;

    [Theory]
    [InlineData("localhost", "loopback")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("localhost", "names_only")]
    [InlineData("127.0.0.1", "addresses_only")]
    public async Task A_target_the_module_allows_is_probed(string host, string module)
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig(Config(peer.Port)));

        string body = await exporter.GetTextAsync($"/probe?target={host}:{peer.Port}&module={module}");

        Assert.Equal(1, Value(body, "ssh_probe_success"));
        Assert.Equal(1, peer.Accepted);
    }

    [Theory]
    [InlineData("localhost", "other_address", "the address to dial is outside allowed_targets.networks")]
    [InlineData("127.0.0.1", "other_address", "the address to dial is outside allowed_targets.networks")]
    [InlineData("[::ffff:127.0.0.1]", "other_address", "the address to dial is outside allowed_targets.networks")]
    // The name matches hosts, but its address is not in networks: both must hold.
    [InlineData("localhost", "name_and_network", "the address to dial is outside allowed_targets.networks")]
    [InlineData("127.0.0.1", "names_only", "an IP address is allowed only by allowed_targets.networks, and this module lists hosts alone")]
    [InlineData("db1.example.com", "names_only", "the name matches no pattern of allowed_targets.hosts")]
    [InlineData("localhost", "addresses_only", "the name matches no pattern of allowed_targets.hosts")]
    public async Task A_target_outside_the_module_s_lists_gets_403_and_is_never_dialled(string host, string module, string rule)
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig(Config(peer.Port)));
        string target = $"{host}:{peer.Port}";

        foreach (string debug in new[] { "", "&debug=true" })
        {
            using var response = await exporter.Http.GetAsync($"/probe?target={target}&module={module}{debug}", Token);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal($"module '{module}' does not allow target '{target}': {rule}\n", await response.Content.ReadAsStringAsync(Token));
        }

        Assert.Equal(0, peer.Accepted);
    }

    [Fact]
    public async Task A_port_outside_the_list_gets_403_before_the_name_is_looked_up()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig(Config(peer.Port)));

        using var response = await exporter.Http.GetAsync("/probe?target=localhost:22&module=loopback", Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("module 'loopback' does not allow target 'localhost:22': port 22 is not in allowed_targets.ports\n", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_name_that_matches_hosts_is_looked_up_and_probed_and_its_failure_is_an_outcome()
    {
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig(Config(ClosedPort.Find())));

        string body = await exporter.GetTextAsync("/probe?target=db1.example.invalid:22&module=names_only");

        Assert.Equal(1, Value(body, """ssh_probe_outcome{outcome="dns_error"}"""));
    }

    [Fact]
    public async Task A_configured_target_is_probed_on_metrics_whatever_its_module_allows_on_probe()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig(Config(peer.Port)));

        string body = await exporter.GetTextAsync("/metrics");

        Assert.Equal(1, Value(body, $$"""ssh_probe_success{target="127.0.0.1:{{peer.Port}}"}"""));
    }

    // A process of its own: the probe counter is the process's, and exporters other tests start in this one count too.
    [Fact]
    public async Task A_refused_probe_is_counted_as_no_outcome_at_all()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        string path = ExporterUnderTest.WriteConfig($"modules:\n  other_address:\n    allowed_targets:\n      networks: [127.0.0.2]\n");
        int port = ClosedPort.Find();
        await using var exporter = ExporterProcess.Start($"--config.file={path}", $"--web.listen-address=127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);

        for (int i = 0; i < 3; i++)
        {
            using var refused = await http.GetAsync($"/probe?target=localhost:{peer.Port}&module=other_address", Token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        string metrics = await http.GetStringAsync("/metrics", Token);
        var counted = Parse(metrics).Where(s => s.Series.StartsWith("ssh_exporter_probes_total{", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(counted);
        Assert.All(counted, sample => Assert.Equal(0, sample.Value));
        Assert.Equal(0, peer.Accepted);
    }
}
