using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>A real Alertmanager in the monitoring namespace, alone (no cluster), with the shipped routes and inhibitions.</summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    public const int Port = 9093;

    private readonly MonitoringServer _server;

    private AlertmanagerServer(MonitoringServer server) => _server = server;

    public static string Address => $"127.0.0.1:{Port}";

    public string Output => _server.Output;

    public static async Task<AlertmanagerServer> StartAsync(NetworkNamespace inside, TempDirectory directory, string config, CancellationToken cancellationToken)
    {
        string configFile = directory.Write("alertmanager/alertmanager.yml", config);
        string[] arguments =
        [
            $"--config.file={configFile}",
            $"--storage.path={directory.PathOf("alertmanager/data/")}",
            $"--web.listen-address={Address}",
            // Empty: no cluster to gossip with, so it neither waits for peers nor needs a port for them.
            "--cluster.listen-address=",
        ];
        return new AlertmanagerServer(await MonitoringServer.StartAsync(
            inside, Requires.Tool("prometheus-alertmanager"), arguments, Port, directory.PathOf("alertmanager.sock"), cancellationToken));
    }

    /// <summary>Every alert Alertmanager holds now, with whether an inhibition rule suppresses it.</summary>
    public async Task<IReadOnlyList<ActiveAlert>> AlertsAsync(CancellationToken cancellationToken)
    {
        using var answer = await _server.GetJsonAsync("/api/v2/alerts", cancellationToken);
        return [.. answer.RootElement.EnumerateArray().Select(alert =>
        {
            var status = alert.GetProperty("status");
            return new ActiveAlert(
                AlertLabels.Read(alert.GetProperty("labels")),
                status.GetProperty("state").GetString()!,
                [.. status.GetProperty("inhibitedBy").EnumerateArray().Select(id => id.GetString()!)]);
        })];
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
