using System.Globalization;
using System.Net.Sockets;
using System.Text;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Load;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Probing;

/// <summary>
/// The exporter process with its default <c>--probe.concurrency</c>: a scrape of more targets than the old fixed
/// default (1,024) does not queue when the socket budget holds them all.
/// </summary>
[NeedsTool("prlimit")]
[NeedsExporterBinary]
public class ScrapeConcurrencyTests
{
    private const int Targets = 1500;

    /// <summary>The socket budget, set rather than sized from this machine's limit, so that the test means the same everywhere.</summary>
    private const int MaxSockets = 2000;

    /// <summary>Both ends live on this machine: the peer's accepted sockets here, the exporter's probe sockets and runtime there.</summary>
    private const int DescriptorsNeeded = Targets + 512;

    // The peer holds back every banner until all the targets are connected at once. A probe that succeeds got its
    // banner after that, and was connected the whole time, so every target reporting success proves they were all
    // connected together. Queued behind a cap, the first probes would wait out their timeout instead and fail.
    [Fact]
    public async Task A_scrape_of_more_targets_than_the_old_default_connects_to_all_of_them_at_once()
    {
        var token = TestContext.Current.CancellationToken;
        await LoadLimits.RaiseOwnAsync(token, DescriptorsNeeded);
        var allConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int connected = 0;
        await using var peer = new ScriptedPeer(async (socket, ct) =>
        {
            if (Interlocked.Increment(ref connected) == Targets)
            {
                allConnected.TrySetResult();
            }

            await allConnected.Task.WaitAsync(ct);
            await socket.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1\r\n"), SocketFlags.None, ct);
            await ScriptedPeer.DrainUntilClosedAsync(socket, ct);
        });
        // Generous: the timeout only bounds how long a failure takes to show; nothing here measures time.
        var targets = string.Join("\n", Enumerable.Range(0, Targets).Select(i => $"  - {{address: \"{peer.Target}\", labels: {{n: \"{i}\"}}}}"));
        string config = ExporterUnderTest.WriteConfig($"""
            modules:
              default: {"{"}timeout: 20s{"}"}
            targets:
            {targets}
            """);
        int port = ClosedPort.Find();
        await using var exporter = ExporterProcess.Start($"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", $"--probe.max-sockets={MaxSockets}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
        await exporter.WaitUntilServingAsync(http);

        string body = await http.GetStringAsync("/metrics", token);

        var succeeded = Samples(body).Where(s => s.Key.StartsWith("ssh_probe_success{", StringComparison.Ordinal) && s.Value == 1).ToList();
        Assert.True(succeeded.Count == Targets, $"{succeeded.Count} of {Targets} targets succeeded; the peer accepted {peer.Accepted}; skipped: {Value(body, "ssh_exporter_probes_skipped_total").ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(Targets, peer.Accepted);
    }
}
