using System.Text.Json;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>An alert as Prometheus or Alertmanager lists it: its labels, its state, and what inhibits it (Alertmanager).</summary>
public sealed record ActiveAlert(IReadOnlyDictionary<string, string> Labels, string State, IReadOnlyList<string> InhibitedBy)
{
    public string AlertName => Labels.GetValueOrDefault("alertname", "");

    public override string ToString() =>
        $"{AlertName} {State}{(InhibitedBy.Count > 0 ? " (inhibited)" : "")} {{{string.Join(", ", Labels.Where(l => l.Key != "alertname").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}}";

    internal static Dictionary<string, string> Strings(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
}

/// <summary>
/// Prometheus or Alertmanager running inside the monitoring namespace on 127.0.0.1, its HTTP API reached from the
/// test process through a relay; ready once <c>/-/ready</c> answers.
/// </summary>
public sealed class MonitoringServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    private readonly BackgroundProcess _process;
    private readonly NamespaceHttpClient _api;

    private MonitoringServer(string name, BackgroundProcess process, NamespaceHttpClient api)
    {
        Name = name;
        _process = process;
        _api = api;
    }

    public string Name { get; }

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
        catch
        {
            if (api is not null)
            {
                await api.DisposeAsync();
            }

            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>GETs <paramref name="path"/> and parses the JSON answer; fails the test, with the server's log, if it does not answer.</summary>
    public async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        string? body = await _api.TryGetAsync(path, cancellationToken);
        Assert.True(body is not null, $"{Name} did not answer GET {path}:\n{Output}");
        return JsonDocument.Parse(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _api.DisposeAsync();
    }
}
