using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Cli;

[NeedsExporterBinary]
public class CommandLineTests
{
    private const string OwnRunbook = "https://wiki.example.com/ops/ssh-runbook";

    [Fact]
    public async Task Sighup_reloads_the_config_file()
    {
        int port = ClosedPort.Find();
        int first = ClosedPort.Find();
        int second = ClosedPort.Find();
        string path = ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{first}\"}}]\n");
        // Both flag spellings, as Prometheus's own programs accept them.
        await using var exporter = ExporterProcess.Start($"--config.file={path}", "--web.listen-address", $"127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);

        await File.WriteAllTextAsync(path, $"targets: [{{address: \"127.0.0.1:{second}\"}}]\n", TestContext.Current.CancellationToken);
        await ExternalCommand.RunCheckedAsync("kill", ["-HUP", exporter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TestContext.Current.CancellationToken);

        string body = "";
        for (int attempt = 0; attempt < 50 && !body.Contains($"127.0.0.1:{second}", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            body = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, Value(body, $$"""ssh_connection_refused{target="127.0.0.1:{{second}}"}"""));
        Assert.Contains("Reloading configuration (SIGHUP)", exporter.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_debug_level_every_probe_is_logged_for_probe_and_metrics_alike_and_a_skipped_target_warns()
    {
        int port = ClosedPort.Find();
        int configured = ClosedPort.Find();
        int waiting = ClosedPort.Find();
        int asked = ClosedPort.Find();
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{configured}\"}}, {{address: \"127.0.0.1:{waiting}\"}}]\n");
        await using var exporter = ExporterProcess.Start(
            $"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=debug", "--probe.concurrency=1");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);
        var token = TestContext.Current.CancellationToken;

        await http.GetStringAsync($"/probe?target=127.0.0.1:{asked}", token);
        // With a scrape timeout no longer than the offset, the module's 5 s is all a probe gets: the target
        // waiting for the one slot can never fit.
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "X-Prometheus-Scrape-Timeout-Seconds", "0.5" } } };
        (await http.SendAsync(scrape, token)).Dispose();

        // The skipped target's warning is the last line the scrape logs.
        Assert.True(
            await Poll.UntilAsync(() => Task.FromResult(exporter.Output.Contains("Skipped 1 of 2 targets of a /metrics scrape", StringComparison.Ordinal)), TimeSpan.FromSeconds(5), token),
            exporter.Output);
        Assert.Contains($"Probe of 127.0.0.1:{asked} with module default: Refused", exporter.Output, StringComparison.Ordinal);
        Assert.Contains($"Probe of 127.0.0.1:{configured} with module default: Refused", exporter.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"127.0.0.1:{waiting} with module", exporter.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_healthcheck_command_exits_0_while_the_exporter_serves_and_1_when_it_is_gone()
    {
        int port = ClosedPort.Find();
        string listen = $"--web.listen-address=127.0.0.1:{port}";
        await using (var exporter = ExporterProcess.Start(listen))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await exporter.WaitUntilServingAsync(http);

            var (healthy, output) = await ExporterProcess.RunAsync("healthcheck", listen);
            Assert.Equal(0, healthy);
            Assert.Contains($"http://127.0.0.1:{port}/-/healthy: healthy", output, StringComparison.Ordinal);
        }

        var (gone, refused) = await ExporterProcess.RunAsync("healthcheck", listen);
        Assert.Equal(1, gone);
        Assert.Contains("Connection refused", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_config_file_makes_the_exporter_exit_1_naming_the_line()
    {
        string path = ExporterUnderTest.WriteConfig("targets:\n  - address: 127.0.0.1:99999\n");

        var (exitCode, output) = await ExporterProcess.RunAsync("--config.file", path, "--web.listen-address=127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.Contains($"error loading config: {path}:2:14: port 99999 is outside 1-65535", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_listen_address_is_a_usage_error()
    {
        var (exitCode, output) = await ExporterProcess.RunAsync("--web.listen-address=nowhere");

        Assert.Equal(2, exitCode);
        Assert.Contains("--web.listen-address 'nowhere': expected [host]:port", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_command_prints_the_report_and_exits_1_when_ssh_does_not_answer()
    {
        var (exitCode, output) = await ExporterProcess.RunAsync("probe", "--target", $"127.0.0.1:{ClosedPort.Find()}");

        Assert.Equal(1, exitCode);
        Assert.Contains("Connect failed: ConnectionRefused", output, StringComparison.Ordinal);
        Assert.Contains("ssh_connection_refused 1", output, StringComparison.Ordinal);
        Assert.Contains($"\nRunbook: {RunbookLinks.DefaultBaseUrl}#sshconnectionrefused\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_command_links_the_runbook_given_by_flag()
    {
        var (exitCode, output) = await ExporterProcess.RunAsync("probe", "--target", $"127.0.0.1:{ClosedPort.Find()}", $"--web.runbook-url={OwnRunbook}");

        Assert.Equal(1, exitCode);
        Assert.Contains($"\nRunbook: {OwnRunbook}#sshconnectionrefused\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain(RunbookLinks.DefaultBaseUrl, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("probe --target 127.0.0.1:22")]
    [InlineData("--web.listen-address=127.0.0.1:0")]
    public async Task A_runbook_url_with_a_fragment_is_a_usage_error(string command)
    {
        var (exitCode, output) = await ExporterProcess.RunAsync([.. command.Split(' '), "--web.runbook-url", $"{OwnRunbook}#top"]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--web.runbook-url '{OwnRunbook}#top': expected an absolute http or https URL", output, StringComparison.Ordinal);
    }

    [NeedsSshd]
    [Fact]
    public async Task The_served_pages_link_the_runbook_given_by_flag()
    {
        await using var sshd = await SshdFixture.StartAsync(TestContext.Current.CancellationToken);
        await sshd.KillAsync();
        int port = ClosedPort.Find();
        string config = ExporterUnderTest.WriteConfig($"modules: {{quick: {{timeout: 2s}}}}\nsidecar: {{sshd_config: {sshd.ConfigPath}, local_probe_module: quick}}\n");
        await using var exporter = ExporterProcess.Start($"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", "--web.runbook-url", OwnRunbook);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);
        var token = TestContext.Current.CancellationToken;

        string sidecar = await http.GetStringAsync("/sidecar", token);
        string landing = await http.GetStringAsync("/", token);
        string debug = await http.GetStringAsync($"/probe?target=127.0.0.1:{sshd.Port}&debug=true", token);

        Assert.Contains("sshd is NOT running", sidecar, StringComparison.Ordinal);
        Assert.Contains($"\n  runbook: {OwnRunbook}#sshdaemonnotrunning\n", sidecar, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"runbook\" href=\"{OwnRunbook}#sshdaemonnotrunning\">Runbook: SshDaemonNotRunning</a>", landing, StringComparison.Ordinal);
        Assert.Contains($"\nRunbook: {OwnRunbook}#sshconnectionrefused\n", debug, StringComparison.Ordinal);
        Assert.DoesNotContain(RunbookLinks.DefaultBaseUrl, sidecar + landing + debug, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_command_exits_0_when_ssh_answers()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");

        var (exitCode, output) = await ExporterProcess.RunAsync("probe", $"--target={peer.Target}");

        Assert.Equal(0, exitCode);
        Assert.Contains("ssh_probe_success 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Runbook:", output, StringComparison.Ordinal);
    }
}
