using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Sidecar;

/// <summary>Sidecar mode against a real sshd: /metrics says what the runbook's steps would find.</summary>
[NeedsSshd]
public class SidecarTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_sshd_on_two_ports_one_from_an_include_passes_every_check()
    {
        using var include = new TempDirectory();
        int second = ClosedPort.Find();
        include.Write("second-port.conf", $"Port {second}\n");
        await using var sshd = await SshdFixture.StartAsync(inside: null, [$"Include {include.Path}/*.conf"], Token);
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteSidecarConfig(sshd.ConfigPath));

        string body = await exporter.GetTextAsync("/metrics");

        Assert.Equal(1, Value(body, "sshd_service_active"));
        Assert.Equal(1, Value(body, "sshd_config_valid"));
        Assert.Equal(1, Value(body, """sshd_host_key_present{type="ed25519"}"""));
        foreach (int port in new[] { sshd.Port, second })
        {
            Assert.Equal(1, Value(body, $$"""sshd_config_port_info{port="{{port}}"}"""));
            Assert.Equal(1, Value(body, $$"""sshd_listener_up{port="{{port}}"}"""));
            Assert.Equal(1, Value(body, $$"""sshd_local_probe_success{port="{{port}}"}"""));
        }

        var checks = Samples(body).Where(s => s.Key.StartsWith("sshd_check_success{", StringComparison.Ordinal)).ToList();
        Assert.True(checks.Count >= 7, $"only {checks.Count} checks reported");
        Assert.All(checks, s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task The_listener_info_names_sshd_on_each_address_it_is_bound_to()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "needs IPv6 for sshd's ::1 listener");
        await using var sshd = await SshdFixture.StartAsync(inside: null, ["ListenAddress ::1"], Token);
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteSidecarConfig(sshd.ConfigPath));

        var info = Parse(await exporter.GetTextAsync("/metrics")).Where(s => s.Name == "sshd_listener_info").ToList();

        Assert.Equal(
            [("127.0.0.1", "sshd"), ("::1", "sshd")],
            info.Select(s => (s.Label("address"), s.Label("process"))).OrderBy(t => t.Item1, StringComparer.Ordinal));
        Assert.All(info, s => Assert.Equal(sshd.Port.ToString(CultureInfo.InvariantCulture), s.Label("port")));
        Assert.All(info, s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task When_sshd_dies_the_service_and_the_listener_are_down_and_the_local_probe_is_refused()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteSidecarConfig(sshd.ConfigPath));
        Assert.Equal(1, Value(await exporter.GetTextAsync("/metrics"), "sshd_service_active"));

        await sshd.KillAsync();
        string body = await exporter.GetTextAsync("/metrics");

        Assert.Equal(0, Value(body, "sshd_service_active"));
        Assert.Equal(1, Value(body, """sshd_check_success{check="service"}"""));
        Assert.Equal(0, Value(body, $$"""sshd_listener_up{port="{{sshd.Port}}"}"""));
        Assert.Equal(1, Value(body, $$"""sshd_local_probe_outcome{port="{{sshd.Port}}",outcome="refused"}"""));
        string sidecar = await exporter.GetTextAsync("/sidecar");
        Assert.Matches($"(?m)^service +sshd is NOT running .*\n  runbook: {Regex.Escape(RunbookLinks.DefaultBaseUrl)}#sshdaemonnotrunning$", sidecar);
        // Nothing listening and the refused local probe follow from sshd being down: no runbook line of their own.
        Assert.Matches($"(?m)^listener +port {sshd.Port} NOT listening\n(?!  runbook:)", sidecar);
        Assert.Matches($"(?m)^local_probe +127\\.0\\.0\\.1:{sshd.Port} refused\n(?!  runbook:)", sidecar);
        string landing = await exporter.GetTextAsync("/");
        Assert.Contains("<h2>Local checks of sshd</h2>", landing, StringComparison.Ordinal);
        Assert.Contains($"port {sshd.Port} NOT listening", landing, StringComparison.Ordinal);
        // The landing page's table: the service row links the section; the rows that follow from it link none.
        Assert.Matches($"<tr><td>service</td><td><strong class=\"fail\">fault</strong></td><td>sshd is NOT running [^<]*</td><td><a href=\"{Regex.Escape(RunbookLinks.DefaultBaseUrl)}#sshdaemonnotrunning\">SshDaemonNotRunning</a></td></tr>", landing);
        Assert.Matches($"<tr><td>listener</td><td>no alert of its own</td><td>port {sshd.Port} NOT listening</td><td></td></tr>", landing);
    }

    [Fact]
    public async Task A_config_sshd_rejects_and_a_missing_host_key_are_reported_as_faults_not_as_could_not_look()
    {
        Requires.Tool("sshd");
        using var directory = new TempDirectory();
        string config = directory.Write("sshd_config", $"""
            Port 2222
            HostKey {directory.Path}/ssh_host_ed25519_key
            NoSuchKeyword yes
            """);
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteSidecarConfig(config));

        string body = await exporter.GetTextAsync("/metrics");

        Assert.Equal(0, Value(body, "sshd_config_valid"));
        Assert.Equal(1, Value(body, """sshd_check_success{check="config_valid"}"""));
        Assert.Equal(0, Value(body, """sshd_host_key_present{type="ed25519"}"""));
        Assert.Equal(1, Value(body, """sshd_config_port_info{port="2222"}"""));
        Assert.Contains("NoSuchKeyword", await exporter.GetTextAsync("/sidecar"), StringComparison.Ordinal);
    }
}
