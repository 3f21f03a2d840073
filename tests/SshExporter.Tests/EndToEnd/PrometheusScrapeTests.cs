using System.Diagnostics;
using System.Text.Json;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.EndToEnd;

/// <summary>A real Prometheus scrapes the exporter with the multi-target relabelling the README shows.</summary>
public class PrometheusScrapeTests
{
    [Fact]
    public async Task Prometheus_scrapes_probe_per_target_and_sees_each_outcome()
    {
        string prometheus = Requires.Tool("prometheus");
        await using var ssh = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        string closed = $"127.0.0.1:{ClosedPort.Find()}";
        await using var exporter = await ExporterUnderTest.StartAsync();
        using var directory = new TempDirectory();
        string config = directory.Write("prometheus.yml", $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: ssh_probe
                metrics_path: /probe
                params:
                  module: [default]
                static_configs:
                  - targets: ['{ssh.Target}', '{closed}']
                relabel_configs:
                  - source_labels: [__address__]
                    target_label: __param_target
                  - source_labels: [__param_target]
                    target_label: instance
                  - target_label: __address__
                    replacement: {exporter.Http.BaseAddress!.Authority}
            """);
        int port = ClosedPort.Find();
        var start = new ProcessStartInfo(prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={directory.PathOf("data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var outcomes = await PollOutcomesAsync(api);

            Assert.Equal("success", outcomes[ssh.Target]);
            Assert.Equal("refused", outcomes[closed]);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>instance → the outcome whose series is 1, once Prometheus has scraped both targets.</summary>
    private static async Task<Dictionary<string, string>> PollOutcomesAsync(HttpClient api)
    {
        var outcomes = new Dictionary<string, string>();
        for (int attempt = 0; attempt < 60 && outcomes.Count < 2; attempt++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            try
            {
                string json = await api.GetStringAsync("/api/v1/query?query=ssh_probe_outcome%3D%3D1", TestContext.Current.CancellationToken);
                using var document = JsonDocument.Parse(json);
                outcomes = document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                    .Select(series => series.GetProperty("metric"))
                    .ToDictionary(metric => metric.GetProperty("instance").GetString()!, metric => metric.GetProperty("outcome").GetString()!);
            }
            catch (HttpRequestException)
            {
                // Prometheus is still starting.
            }
        }

        return outcomes;
    }
}
