using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SshExporter.Hosting;
using SshExporter.Metrics;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Web;

public class MetricsEndpointTests
{
    [Fact]
    public async Task Every_configured_target_is_probed_on_each_scrape_with_its_labels()
    {
        await using var ssh = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        int closed = ClosedPort.Find();
        string config = ExporterUnderTest.WriteConfig($"""
            targets:
              - address: {ssh.Target}
                labels: {"{"}env: prod, role: bastion{"}"}
              - address: 127.0.0.1:{closed}
                labels: {"{"}env: dev{"}"}
            """);
        await using var exporter = await ExporterUnderTest.StartAsync(config);

        string first = await exporter.GetTextAsync("/metrics");
        string second = await exporter.GetTextAsync("/metrics");

        Assert.Equal(1, Value(first, $$"""ssh_probe_success{target="{{ssh.Target}}",env="prod",role="bastion"}"""));
        Assert.Equal(1, Value(first, $$"""ssh_connection_refused{target="127.0.0.1:{{closed}}",env="dev",role=""}"""));
        Assert.Equal(1, Value(first, $$"""ssh_probe_outcome{target="127.0.0.1:{{closed}}",env="dev",role="",outcome="refused"}"""));
        Assert.Equal(1, Value(first, $$"""ssh_exporter_build_info{version="0.1.0",revision="{{BuildInfo.Revision}}",branch="{{BuildInfo.Branch}}",runtime="{{Environment.Version}}"}"""));
        // No cache: each scrape connects again.
        Assert.Equal(2, ssh.Accepted);
        Assert.Contains("process_cpu_seconds_total", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_targets_are_probed_concurrently_so_a_scrape_takes_one_timeout_not_their_sum()
    {
        await using var silent = ScriptedPeer.Silent();
        var targets = string.Join("\n", Enumerable.Range(0, 8).Select(i => $"  - {{address: \"{silent.Target}\", module: quick, labels: {{n: \"{i}\"}}}}"));
        string config = ExporterUnderTest.WriteConfig($"""
            modules:
              quick: {"{"}timeout: 1s{"}"}
            targets:
            {targets}
            """);
        await using var exporter = await ExporterUnderTest.StartAsync(config);

        var clock = Stopwatch.StartNew();
        string body = await exporter.GetTextAsync("/metrics");

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 2.5);
        Assert.Equal(8, Samples(body).Count(s => s.Key.StartsWith("ssh_probe_outcome{", StringComparison.Ordinal) && s.Key.Contains("banner_timeout", StringComparison.Ordinal) && s.Value == 1));
    }

    [Fact]
    public async Task A_target_whose_timeout_no_longer_fits_the_scrape_is_skipped_not_reported_as_a_timeout()
    {
        await using var silent = ScriptedPeer.Silent();
        // Healthy, 100 ms away: it answers well within its module's timeout, but not within a millisecond.
        await using var healthy = new ScriptedPeer(async (socket, ct) =>
        {
            await Task.Delay(100, ct);
            await socket.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1\r\n"), SocketFlags.None, ct);
            await ScriptedPeer.DrainUntilClosedAsync(socket, ct);
        });
        string config = ExporterUnderTest.WriteConfig($"""
            modules:
              quick: {"{"}timeout: 1s{"}"}
            targets:
              - {"{"}address: "{silent.Target}", module: quick{"}"}
              - {"{"}address: "{healthy.Target}", module: quick{"}"}
            """);
        await using var exporter = await ExporterUnderTest.StartAsync(config, new ExporterOptions { ProbeConcurrency = 1 });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        // 1.5 s less the 0.5 s offset: the silent target's 1 s probe uses up the whole budget.
        request.Headers.Add("X-Prometheus-Scrape-Timeout-Seconds", "1.5");

        using var response = await exporter.Http.SendAsync(request, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, Value(body, $$"""ssh_probe_outcome{target="{{silent.Target}}",outcome="banner_timeout"}"""));
        Assert.Equal(1, Value(body, $$"""ssh_probe_timeout_seconds{target="{{silent.Target}}"}"""));
        // The healthy target was never probed: no series says anything about it, the exporter's own counter does.
        Assert.DoesNotContain(healthy.Target, body, StringComparison.Ordinal);
        Assert.Equal(0, healthy.Accepted);
        Assert.True(Value(body, "ssh_exporter_probes_skipped_total") >= 1, body);
    }

    [Fact]
    public async Task Probes_are_counted_by_outcome()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();
        double before = Value(await exporter.GetTextAsync("/metrics"), """ssh_exporter_probes_total{outcome="refused"}""");

        await exporter.GetTextAsync($"/probe?target=127.0.0.1:{ClosedPort.Find()}");
        double after = Value(await exporter.GetTextAsync("/metrics"), """ssh_exporter_probes_total{outcome="refused"}""");

        // Other tests in this process may probe too; this one added at least its own.
        Assert.True(after >= before + 1, $"before {before}, after {after}");
    }

    [Fact]
    public async Task OpenMetrics_scrapes_are_one_exposition_without_trace_exemplars()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();
        await exporter.GetTextAsync($"/probe?target=127.0.0.1:{ClosedPort.Find()}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");

        using var response = await exporter.Http.SendAsync(request, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, body.Split('\n').Count(line => line == "# EOF"));
        Assert.EndsWith("# EOF\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("trace_id", body, StringComparison.Ordinal);
    }
}
