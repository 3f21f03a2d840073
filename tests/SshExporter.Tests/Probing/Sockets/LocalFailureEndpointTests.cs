using System.Net;
using System.Net.Sockets;
using System.Text;
using SshExporter.Cli;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Probing.Sockets;

/// <summary>
/// The socket budget and the exporter's own failures, against the real process: a probe the exporter could not make
/// is HTTP 503 on <c>/probe</c>, no series on <c>/metrics</c>, a count by reason, never an outcome of the target.
/// </summary>
[NeedsTool("prlimit")]
[NeedsTool("python3")]
[NeedsExporterBinary]
public class LocalFailureEndpointTests
{
    /// <summary>
    /// A limit the serving runtime (about 200 descriptors, one per loaded assembly) leaves little of: with as many
    /// probes at once as below, their HTTP connections and sockets together would exceed it without the budget.
    /// </summary>
    private const int TinyLimit = 320;

    private const int TinyLimitProbes = 80;

    private static readonly byte[] Banner = Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1\r\n");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_sockets_never_exceed_max_sockets_and_the_probes_over_it_wait_their_turn()
    {
        await using var peer = SlowPeer(TimeSpan.FromMilliseconds(300));
        var (exporter, http) = await StartAsync([], "--probe.max-sockets=5");
        await using var _ = exporter;
        using var __ = http;
        int most = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                most = Math.Max(most, ProcessResources.SocketsTo(exporter.Id, peer.Port));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => GetAsync(http, $"/probe?target={peer.Target}")));
        await sampling.CancelAsync();
        await sampler;

        Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.OK && Value(answer.Body, "ssh_probe_success") == 1, answer.ToString()));
        Assert.True(most is >= 1 and <= 5, $"at most {most} probe sockets open at once; the limit is 5");
        string metrics = (await GetAsync(http, "/metrics")).Body;
        Assert.Equal(5, Value(metrics, "ssh_exporter_probe_sockets_limit"));
        Assert.Equal(40, Value(metrics, """ssh_exporter_probes_total{outcome="success"}"""));
        Assert.Equal(0, Value(metrics, """ssh_exporter_probe_local_failures_total{reason="socket_limit"}"""));
    }

    [Fact]
    public async Task Under_a_tiny_descriptor_limit_probes_get_503_and_never_a_false_outcome()
    {
        await using var peer = SlowPeer(TimeSpan.FromMilliseconds(200));
        await using var exporter = await StartUnderTinyLimitAsync(peer.Target);
        var http = exporter.Http;

        var answers = await Task.WhenAll(Enumerable.Range(0, TinyLimitProbes).Select(_ => GetAsync(http, $"/probe?target={peer.Target}")));

        var wrong = answers.Where(a => !(a.Status == HttpStatusCode.OK && Value(a.Body, "ssh_probe_success") == 1)
            && !(a.Status == HttpStatusCode.ServiceUnavailable && a.Body.StartsWith("the prober could not probe from its side", StringComparison.Ordinal))).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} answers were neither a success nor a 503, e.g. {wrong.FirstOrDefault()}\n{exporter.Output}");
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);
        Assert.False(exporter.HasExited, exporter.Output);
        // This scrape probes the configured target too (as the warm-up ones did): it counts once, either way.
        string metrics = (await GetAsync(http, "/metrics")).Body;
        int ok = answers.Count(a => a.Status == HttpStatusCode.OK), refused = answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable);
        double successes = Value(metrics, """ssh_exporter_probes_total{outcome="success"}""");
        double localFailures = Samples(metrics).Where(s => s.Key.StartsWith("ssh_exporter_probe_local_failures_total{", StringComparison.Ordinal)).Sum(s => s.Value);
        Assert.Equal(0, Samples(metrics).Where(s => s.Key.StartsWith("ssh_exporter_probes_total{", StringComparison.Ordinal) && !s.Key.Contains("success", StringComparison.Ordinal)).Sum(s => s.Value));
        Assert.Equal(ok + refused + 3, successes + localFailures);
        Assert.InRange(localFailures, refused, refused + 1);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"open files limit {TinyLimit}, {TinyLimitProbes} concurrent /probe: {answers.Count(a => a.Status == HttpStatusCode.OK)} success, {answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} 503; sockets limit {Value(metrics, "ssh_exporter_probe_sockets_limit")}");
    }

    [Fact]
    public async Task A_connect_this_host_refuses_is_503_on_probe_and_left_out_of_metrics()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"{peer.Target}\"}}, {{address: \"127.0.0.1:{ClosedPort.Find()}\"}}]\n");
        int port = ClosedPort.Find();
        await using var exporter = ExporterProcess.StartCommand(await LocalConnectBlock.WrapAsync(
            ExporterProcess.Executable, [$"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=debug"], Token));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await exporter.WaitUntilServingAsync(http);

        var probe = await GetAsync(http, $"/probe?target={peer.Target}");
        string metrics = (await GetAsync(http, "/metrics")).Body;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.Status);
        Assert.Equal("the prober could not probe from its side: a security policy on the exporter's own host refused the connection before it left (blocked_locally)\n", probe.Body);
        Assert.DoesNotContain(Parse(metrics), sample => sample.Name.StartsWith("ssh_", StringComparison.Ordinal) && !sample.Name.StartsWith("ssh_exporter_", StringComparison.Ordinal));
        Assert.Equal(3, Value(metrics, """ssh_exporter_probe_local_failures_total{reason="blocked_locally"}"""));
        Assert.Equal(0, Value(metrics, """ssh_exporter_probe_local_failures_total{reason="socket_limit"}"""));
        Assert.Equal(0, Samples(metrics).Where(s => s.Key.StartsWith("ssh_exporter_probes_total{", StringComparison.Ordinal)).Sum(s => s.Value));
        Assert.Equal(0, peer.Accepted);
        Assert.Contains("Could not probe", exporter.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_command_says_the_failure_is_on_the_probers_side()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        var command = await LocalConnectBlock.WrapAsync(ExporterProcess.Executable, ["probe", "--target", peer.Target], Token);

        var run = await ExternalCommand.RunAsync(command[0], command.Skip(1), TimeSpan.FromSeconds(60), Token);

        Assert.Equal(ExitCodes.LocalFailure, run.ExitCode);
        Assert.Contains("Connect failed: AccessDenied", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("(blocked_locally); nothing is known about", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("this is the prober's side, not the target's", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Sends a banner after <paramref name="delay"/>, so that many probes overlap.</summary>
    internal static ScriptedPeer SlowPeer(TimeSpan delay) => new(async (socket, ct) =>
    {
        await Task.Delay(delay, ct);
        await socket.SendAsync(Banner, SocketFlags.None, ct);
        await ScriptedPeer.DrainUntilClosedAsync(socket, ct);
    });

    private static async Task<(ExporterProcess, HttpClient)> StartAsync(string[] config, params string[] flags)
    {
        int port = ClosedPort.Find();
        var exporter = ExporterProcess.Start([.. config, .. flags, $"--web.listen-address=127.0.0.1:{port}"]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await exporter.WaitUntilServingAsync(http);
        return (exporter, http);
    }

    /// <summary>
    /// An exporter under an open-files limit of <see cref="TinyLimit"/>, warmed up with one probe of
    /// <paramref name="target"/> and one scrape, so that the assemblies they load are open before the descriptors run
    /// out (the runtime keeps each loaded assembly open: a serving exporter holds about 200 descriptors before any probe).
    /// </summary>
    private static async Task<TinyLimitExporter> StartUnderTinyLimitAsync(string target)
    {
        string prlimit = Requires.Tool("prlimit");
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"{target}\"}}]\n");
        int port = ClosedPort.Find();
        var exporter = new TinyLimitExporter(
            ExporterProcess.StartCommand([prlimit, $"--nofile={TinyLimit}:{TinyLimit}", "--", ExporterProcess.Executable, $"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}"]),
            new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) });
        await exporter.Process.WaitUntilServingAsync(exporter.Http);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(exporter.Http, $"/probe?target={target}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(exporter.Http, "/metrics")).Status);
        return exporter;
    }

    private sealed record TinyLimitExporter(ExporterProcess Process, HttpClient Http) : IAsyncDisposable
    {
        public bool HasExited => Process.HasExited;

        public string Output => Process.Output;

        public ValueTask DisposeAsync()
        {
            Http.Dispose();
            return Process.DisposeAsync();
        }
    }

    internal static async Task<EndpointAnswer> GetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path, Token);
            return new EndpointAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(Token));
        }
        catch (HttpRequestException e)
        {
            return new EndpointAnswer(0, $"no answer: {e.Message}");
        }
    }

    internal sealed record EndpointAnswer(HttpStatusCode Status, string Body)
    {
        public override string ToString() => $"{(int)Status} {Body}";
    }
}
