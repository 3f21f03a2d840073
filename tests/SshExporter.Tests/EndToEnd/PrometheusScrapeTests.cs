using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.EndToEnd;

/// <summary>
/// A real Prometheus scrapes the exporter with the shipped scrape configs of examples/prometheus/, their relabelling
/// verbatim: every outcome arrives per target, with the <c>host</c> and <c>port</c> labels the alert rules join on.
/// </summary>
public class PrometheusScrapeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_yml_gives_each_target_its_outcome_host_and_port()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "needs IPv6 for the [::1] target");
        await using var ssh = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        string closed = $"127.0.0.1:{ClosedPort.Find()}";
        string closedV6 = $"[::1]:{ClosedPort.Find()}";
        await using var exporter = await ExporterUnderTest.StartAsync();

        var series = await ScrapeWithExampleAsync("probe.yml", [ssh.Target, closed, closedV6, "localhost"], exporter, "ssh_probe_outcome == 1", expected: 4);

        var byInstance = series.ToDictionary(s => s["instance"]);
        Assert.Equal(("success", "127.0.0.1", ssh.Target.Split(':')[1]), Labels(byInstance[ssh.Target]));
        Assert.Equal(("refused", "127.0.0.1", closed.Split(':')[1]), Labels(byInstance[closed]));
        Assert.Equal(("refused", "::1", closedV6.Split("]:")[1]), Labels(byInstance[closedV6]));
        // No port in the target: the exporter dials 22, and so says the label.
        Assert.Equal(("localhost", "22"), (byInstance["localhost"]["host"], byInstance["localhost"]["port"]));
    }

    [Fact]
    public async Task Metrics_yml_gives_configured_targets_their_host_and_port_and_the_sidecar_series_the_exporters_host()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "needs IPv6 for the [::1] target");
        await using var v4 = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        string closedV6 = $"[::1]:{ClosedPort.Find()}";
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"{v4.Target}\"}}, {{address: \"{closedV6}\"}}]\nsidecar: {{}}\n");
        await using var exporter = await ExporterUnderTest.StartAsync(config);

        var probes = await ScrapeWithExampleAsync("metrics.yml", [], exporter, "ssh_probe_outcome == 1", expected: 2);
        var byTarget = probes.ToDictionary(s => s["target"]);
        Assert.Equal(("success", "127.0.0.1", v4.Target.Split(':')[1]), Labels(byTarget[v4.Target]));
        Assert.Equal(("refused", "::1", closedV6.Split("]:")[1]), Labels(byTarget[closedV6]));

        // The sidecar's series are about the machine the exporter runs on, scraped at 127.0.0.1; their own port
        // labels are sshd's ports, not a probed target's.
        var sidecar = await ScrapeWithExampleAsync("metrics.yml", [], exporter, "sshd_check_success", expected: 1, exact: false);
        Assert.All(sidecar, s => Assert.Equal("127.0.0.1", s["host"]));
        Assert.All(sidecar, s => Assert.False(s.ContainsKey("port")));
    }

    private static (string Outcome, string Host, string Port) Labels(Dictionary<string, string> series) =>
        (series["outcome"], series["host"], series["port"]);

    /// <summary>
    /// Runs Prometheus with the shipped example's first scrape job, only its targets and the exporter's address
    /// replaced, and polls <paramref name="promql"/> until it returns <paramref name="expected"/> series (at least
    /// that many when not <paramref name="exact"/>).
    /// </summary>
    private static async Task<List<Dictionary<string, string>>> ScrapeWithExampleAsync(
        string example, IReadOnlyList<string> targets, ExporterUnderTest exporter, string promql, int expected, bool exact = true)
    {
        string prometheus = Requires.Tool("prometheus");
        using var directory = new TempDirectory();
        string exporterAddress = exporter.Http.BaseAddress!.Authority;
        var job = YamlFile.Load(RepositoryRoot.Combine($"examples/prometheus/{example}")).Mappings("scrape_configs").First();
        var staticConfig = new YamlMappingNode();
        // /probe jobs list the SSH servers and point __address__ at the exporter; /metrics jobs list the exporter.
        var addressRule = job.Children.ContainsKey("relabel_configs")
            ? job.Mappings("relabel_configs").SingleOrDefault(rule => rule.Text("target_label") == "__address__" && !rule.Children.ContainsKey("source_labels"))
            : null;
        addressRule?.Set("replacement", exporterAddress);
        staticConfig.Set("targets", YamlFile.ListOf(addressRule is null ? [exporterAddress] : targets));
        job.Set("static_configs", new YamlSequenceNode(staticConfig));
        var root = new YamlMappingNode();
        var global = new YamlMappingNode();
        global.Set("scrape_interval", "1s");
        global.Set("scrape_timeout", "1s");
        root.Set("global", global);
        root.Set("scrape_configs", new YamlSequenceNode(job));
        string configFile = directory.Write("prometheus.yml", YamlFile.Save(root));

        int port = ClosedPort.Find();
        var start = new ProcessStartInfo(prometheus,
            [$"--config.file={configFile}", $"--storage.tsdb.path={directory.PathOf("data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            List<Dictionary<string, string>> series = [];
            await Poll.UntilAsync(async () => (series = await QueryAsync(api, promql)).Count == expected || (!exact && series.Count >= expected), TimeSpan.FromSeconds(30), Token);
            Assert.True(exact ? series.Count == expected : series.Count >= expected, $"{promql} gave {series.Count} series, expected {expected}");
            return series;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The labels of each series <paramref name="promql"/> returns; none while Prometheus is still starting.</summary>
    private static async Task<List<Dictionary<string, string>>> QueryAsync(HttpClient api, string promql)
    {
        try
        {
            string json = await api.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}", Token);
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                .Select(s => s.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }
}
