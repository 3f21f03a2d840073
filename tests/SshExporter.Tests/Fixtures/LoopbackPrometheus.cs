namespace SshExporter.Tests.Fixtures;

/// <summary>
/// A real Prometheus on a free 127.0.0.1 port, its prometheus.yml written into a directory of the test's (where
/// the config's relative paths, such as file_sd files, resolve), ready once <c>/-/ready</c> answers. Disposing
/// stops it; the directory stays the test's.
/// </summary>
public sealed class LoopbackPrometheus : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    private readonly BackgroundProcess _process;

    private LoopbackPrometheus(BackgroundProcess process, HttpClient http)
    {
        _process = process;
        Http = http;
        Api = new PrometheusApi(http);
    }

    public HttpClient Http { get; }

    public PrometheusApi Api { get; }

    /// <summary>What Prometheus logged, for assertion messages.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Writes <paramref name="config"/> to <c>prometheus.yml</c> in <paramref name="directory"/> (an existing
    /// directory of the test's, which also holds Prometheus's data), starts Prometheus on it and waits until it is ready.
    /// </summary>
    public static async Task<LoopbackPrometheus> StartAsync(string directory, string config, CancellationToken cancellationToken)
    {
        string prometheus = Requires.Tool("prometheus");
        string configFile = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, config, cancellationToken);
        int port = ClosedPort.Find();
        var process = BackgroundProcess.Start(
            [prometheus, $"--config.file={configFile}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}"]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await ReadyEndpoint.WaitAsync(process, http, ReadyLimit, cancellationToken);
        }
        catch (Exception e)
        {
            http.Dispose();
            await Cleanup.AfterFailureAsync(e, process);
            throw;
        }

        return new LoopbackPrometheus(process, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
