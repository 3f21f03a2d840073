using System.Net;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Probing.Sockets;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Load;

/// <summary>
/// More connections at once than the exporter has descriptors: it must keep serving. The runtime needs a free
/// descriptor now and then on its own (it reads /proc for its GC, loads assemblies on first use) and aborts the
/// process ("Out of memory.") when it finds none, which a flood at a limit of 320 did about once in five runs.
/// </summary>
[NeedsTool("prlimit")]
[NeedsTool("python3")]
[NeedsExporterBinary]
public class DescriptorFloodTests
{
    /// <summary>A limit the serving runtime (about 210 descriptors, two per loaded assembly) leaves little of.</summary>
    private const int TinyLimit = 320;

    private const int Flood = TinyLimit + 80;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flood_of_connections_past_the_descriptor_limit_leaves_the_exporter_serving()
    {
        // The banner after 200 ms, so that the probes overlap and hold their connections.
        await using var peer = LocalFailureEndpointTests.SlowPeer(TimeSpan.FromMilliseconds(200));
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"{peer.Target}\"}}]\n");
        int port = ClosedPort.Find();
        await using var exporter = ExporterProcess.StartCommand(
            [Requires.Tool("prlimit"), $"--nofile={TinyLimit}:{TinyLimit}", "--", ExporterProcess.Executable, $"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await exporter.WaitUntilServingAsync(http);

        var answers = await Task.WhenAll(Enumerable.Range(0, Flood).Select(_ => LocalFailureEndpointTests.GetAsync(http, $"/probe?target={peer.Target}")));

        Assert.False(exporter.HasExited, exporter.Output);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);
        var wrong = answers.Where(a => !(a.Status == HttpStatusCode.OK && Value(a.Body, "ssh_probe_success") == 1) && a.Status != HttpStatusCode.ServiceUnavailable).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {Flood} answers were neither a success nor a 503, e.g. {wrong.FirstOrDefault()}");
        Assert.Equal(HttpStatusCode.OK, (await LocalFailureEndpointTests.GetAsync(http, "/-/healthy")).Status);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"open files limit {TinyLimit}, {Flood} concurrent /probe: {answers.Count(a => a.Status == HttpStatusCode.OK)} success, {answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} 503");
    }
}
