using System.Globalization;
using System.Net.Sockets;
using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.EndToEnd;

/// <summary>
/// A real Prometheus scrapes the exporter with the shipped scrape configs of examples/prometheus/, their relabelling
/// verbatim: every outcome arrives per target, with the <c>host</c> and <c>port</c> labels the alert rules join on.
/// </summary>
[NeedsPrometheus]
public class PrometheusScrapeTests
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_yml_gives_each_target_its_outcome_host_and_port()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6, "needs IPv6 for the [::1] target");
        await using var ssh = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        string closed = $"127.0.0.1:{ClosedPort.Find()}";
        string closedV6 = $"[::1]:{ClosedPort.Find()}";
        await using var exporter = await ExporterUnderTest.StartAsync();

        var series = await ScrapeAsync(
            ExamplePrometheusConfig.Job("probe.yml", [ssh.Target, closed, closedV6, "localhost"], exporter.Address), "ssh_probe_outcome == 1", expected: 4);

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

        var job = ExamplePrometheusConfig.Job("metrics.yml", [exporter.Address]);

        var probes = await ScrapeAsync(job, "ssh_probe_outcome == 1", expected: 2);
        var byTarget = probes.ToDictionary(s => s["target"]);
        Assert.Equal(("success", "127.0.0.1", v4.Target.Split(':')[1]), Labels(byTarget[v4.Target]));
        Assert.Equal(("refused", "::1", closedV6.Split("]:")[1]), Labels(byTarget[closedV6]));

        // The sidecar's series are about the machine the exporter runs on, scraped at 127.0.0.1; their own port
        // labels are sshd's ports, not a probed target's.
        var sidecar = await ScrapeAsync(job, "sshd_check_success", expected: 1, exact: false);
        Assert.All(sidecar, s => Assert.Equal("127.0.0.1", s["host"]));
        Assert.All(sidecar, s => Assert.False(s.ContainsKey("port")));
    }

    private static (string Outcome, string Host, string Port) Labels(IReadOnlyDictionary<string, string> series) =>
        (series["outcome"], series["host"], series["port"]);

    /// <summary>
    /// Runs Prometheus with <paramref name="job"/> alone and polls <paramref name="promql"/> until it returns
    /// <paramref name="expected"/> series (at least that many when not <paramref name="exact"/>); their labels.
    /// </summary>
    private static async Task<List<IReadOnlyDictionary<string, string>>> ScrapeAsync(YamlMappingNode job, string promql, int expected, bool exact = true)
    {
        using var directory = new TempDirectory();
        await using var server = await LoopbackPrometheus.StartAsync(directory.Path, ExamplePrometheusConfig.Build([job], ScrapeInterval, ScrapeInterval), Token);

        (IReadOnlyList<QueriedSeries>? Series, HttpAnswer Answer) last = default;
        bool Enough() => last.Series is { } series && (exact ? series.Count == expected : series.Count >= expected);
        await Poll.UntilAsync(async () => { last = await server.Api.TryQueryAsync(promql, Token); return Enough(); }, Limit, Token);
        Assert.True(Enough(), $"{promql} gave {last.Series?.Count.ToString(CultureInfo.InvariantCulture) ?? "no result"}, expected {expected} series: {last.Answer}\n{server.Output}");
        return [.. last.Series!.Select(s => s.Labels)];
    }
}
