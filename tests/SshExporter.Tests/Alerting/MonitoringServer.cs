using System.Text.Json;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// Prometheus, Alertmanager or the central exporter running inside the monitoring namespace on 127.0.0.1, its HTTP
/// API reached from the test process through a relay; ready once <c>/-/ready</c> answers.
/// </summary>
public sealed class MonitoringServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a read of the server's state keeps asking: one slow or failed answer is no reason to fail.</summary>
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(30);

    private readonly BackgroundProcess _process;
    private readonly NamespaceHttpClient _api;

    private MonitoringServer(string name, BackgroundProcess process, NamespaceHttpClient api)
    {
        Name = name;
        _process = process;
        _api = api;
    }

    public string Name { get; }

    /// <summary>The client for its HTTP API.</summary>
    public HttpClient Http => _api.Http;

    /// <summary>What the server logged, for assertion messages.</summary>
    public string Output => _process.Output;

    public static async Task<MonitoringServer> StartAsync(
        NetworkNamespace inside, string executable, IEnumerable<string> arguments, int port, string socketPath, CancellationToken cancellationToken)
    {
        var process = BackgroundProcess.Start(inside.Wrap(executable, arguments));
        NamespaceHttpClient? api = null;
        try
        {
            api = await NamespaceHttpClient.StartAsync(inside, port, socketPath, cancellationToken);
            await ReadyEndpoint.WaitAsync(process, api.Http, ReadyLimit, cancellationToken);
            return new MonitoringServer(Path.GetFileName(executable), process, api);
        }
        catch (Exception e)
        {
            await Cleanup.AfterFailureAsync(e, api, process);
            throw;
        }
    }

    /// <summary>
    /// GETs <paramref name="path"/>, again while the server gives no answer or a 5xx, and parses the JSON; fails
    /// the test, with the last answer and the server's log, on a 4xx or after <see cref="AnswerLimit"/>.
    /// </summary>
    public async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        var answer = await HttpAnswer.GetPatientlyAsync(Http, path, AnswerLimit, cancellationToken);
        Assert.True(answer.IsSuccess, $"{Name} gave no result within {AnswerLimit.TotalSeconds}s: {answer}\n{Output}");
        return JsonDocument.Parse(answer.Body);
    }

    public ValueTask DisposeAsync() => Cleanup.DisposeAllAsync(_process, _api);
}
