using System.Net;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Load;

/// <summary>
/// The exporter process under a load run, with the raised descriptor limit, a client for the load with no cap on
/// connections, and its descriptors and resident memory measured once it has served one of each request.
/// </summary>
public sealed class LoadedExporter : IAsyncDisposable
{
    /// <summary>Descriptors above the baseline still "near" it: a few pooled connections and timers may linger.</summary>
    public const int DescriptorSlack = 16;

    /// <summary>
    /// How long descriptors and memory may take to settle after the load (sockets in their close grace, GC). Once in
    /// a whole-suite run, 38 sockets were still open after 20 s and none in many runs alone: a leak would stay past
    /// this too, and the failure's message then says what the descriptors are.
    /// </summary>
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    private readonly ExporterProcess _process;

    private LoadedExporter(ExporterProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(60),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    public string Output => _process.Output;

    public int BaselineDescriptors { get; private set; }

    public long BaselineResidentBytes { get; private set; }

    public static async Task<LoadedExporter> StartAsync(string config, IEnumerable<string> flags, IEnumerable<string> warmUp, CancellationToken cancellationToken)
    {
        int port = ClosedPort.Find();
        var process = ExporterProcess.StartCommand(
            ["nice", "-n", "-10", ExporterProcess.Executable, $"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", .. flags]);
        var exporter = new LoadedExporter(process, new Uri($"http://127.0.0.1:{port}"));
        await process.WaitUntilServingAsync(exporter.Http);
        foreach (string path in warmUp)
        {
            using var response = await exporter.Http.GetAsync(path, cancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"warm-up GET {path}: {(int)response.StatusCode}");
        }

        // The warm-up's connections closed and its sockets out of their close grace before the baseline.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        exporter.BaselineDescriptors = ProcessResources.Descriptors(process.Id);
        exporter.BaselineResidentBytes = ProcessResources.ResidentBytes(process.Id);
        return exporter;
    }

    /// <summary>GET, with what came back (status 0 and the error when nothing did).</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, CancellationToken cancellationToken, string? scrapeTimeout = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (scrapeTimeout is not null)
        {
            request.Headers.Add("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeout);
        }

        try
        {
            using var response = await Http.SendAsync(request, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
    }

    /// <summary>GETs <paramref name="path"/> and gives up after <paramref name="after"/>, as a client that times out does; what came back, if anything, is dropped.</summary>
    public async Task AbandonAsync(string path, TimeSpan after, CancellationToken cancellationToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        giveUp.CancelAfter(after);
        try
        {
            using var response = await Http.GetAsync(path, giveUp.Token);
        }
        catch (Exception e) when ((e is OperationCanceledException or HttpRequestException) && !cancellationToken.IsCancellationRequested)
        {
            // Given up, as meant.
        }
    }

    /// <summary>
    /// Once the load's connections are closed: waits until the descriptors are back within <see cref="DescriptorSlack"/>
    /// of the baseline and the resident memory within <paramref name="memorySlack"/> of it, and returns both as they are then.
    /// </summary>
    public async Task<(int Descriptors, long ResidentBytes)> SettleAsync(long memorySlack, CancellationToken cancellationToken)
    {
        Http.Dispose();
        (int Descriptors, long ResidentBytes) now = (0, 0);
        await Poll.UntilAsync(() =>
        {
            now = (ProcessResources.Descriptors(Id), ProcessResources.ResidentBytes(Id));
            return Task.FromResult(now.Descriptors <= BaselineDescriptors + DescriptorSlack && now.ResidentBytes <= BaselineResidentBytes + memorySlack);
        }, SettleLimit, cancellationToken, TimeSpan.FromMilliseconds(500));
        return now;
    }

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return _process.DisposeAsync();
    }
}
