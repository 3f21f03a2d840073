using SshExporter.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>A real Prometheus in the monitoring namespace, with the test's prometheus.yml and the shipped rules, scaled.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const int Port = 9090;

    private const string RuleInputs =
        "{__name__=~\"sshd_service_active|sshd_listener_up|sshd_listener_info|sshd_config_valid|sshd_host_key_present|sshd_firewall_port_allowed"
        + "|sshd_local_probe_success|sshd_check_success|host_port_outcome:ssh_probe_outcome:max|up\",host!=\"\"}";

    private static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(30);

    private readonly MonitoringServer _server;
    private readonly PrometheusApi _api;

    private PrometheusServer(MonitoringServer server)
    {
        _server = server;
        _api = new PrometheusApi(server.Http);
    }

    public string Output => _server.Output;

    public static async Task<PrometheusServer> StartAsync(NetworkNamespace inside, TempDirectory directory, string config, CancellationToken cancellationToken)
    {
        string configFile = directory.Write("prometheus/prometheus.yml", config);
        string[] arguments =
        [
            $"--config.file={configFile}",
            $"--storage.tsdb.path={directory.PathOf("prometheus/data")}",
            $"--web.listen-address=127.0.0.1:{Port}",
            $"--rules.alert.resend-delay={PrometheusDuration.Format(AlertingTiming.ResendDelay)}",
        ];
        return new PrometheusServer(await MonitoringServer.StartAsync(
            inside, Requires.Tool("prometheus"), arguments, Port, directory.PathOf("prometheus.sock"), cancellationToken));
    }

    /// <summary>An instant query, once: its series, or null and Prometheus's answer (for polls, which ask again).</summary>
    public Task<(IReadOnlyList<QueriedSeries>? Series, HttpAnswer Answer)> TryQueryAsync(string promql, CancellationToken cancellationToken) =>
        _api.TryQueryAsync(promql, cancellationToken);

    /// <summary>An instant query, asked again while Prometheus gives no result; fails the test, with the last answer, after a limit.</summary>
    public Task<IReadOnlyList<QueriedSeries>> QueryAsync(string promql, CancellationToken cancellationToken) =>
        _api.QueryAsync(promql, AnswerLimit, cancellationToken);

    /// <summary>Every alert pending or firing now.</summary>
    public async Task<IReadOnlyList<ActiveAlert>> AlertsAsync(CancellationToken cancellationToken)
    {
        using var answer = await _server.GetJsonAsync("/api/v1/alerts", cancellationToken);
        return [.. answer.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(alert =>
            new ActiveAlert(AlertLabels.Read(alert.GetProperty("labels")), alert.GetProperty("state").GetString()!, []))];
    }

    /// <summary>
    /// Per <c>host</c>, the series the rules read (the outcome seen, each sidecar check and finding, the scrapes'
    /// <c>up</c>), one line each, for assertion messages.
    /// </summary>
    public async Task<Dictionary<string, string>> RuleInputsByHostAsync(CancellationToken cancellationToken) =>
        (await QueryAsync(RuleInputs, cancellationToken))
            .Where(s => !(s.Labels["__name__"] == "host_port_outcome:ssh_probe_outcome:max" && s.Value == 0))
            .GroupBy(s => s.Labels["host"])
            .ToDictionary(g => g.Key, g => string.Join("\n", g.Select(Describe).Order(StringComparer.Ordinal)), StringComparer.Ordinal);

    private static string Describe(QueriedSeries series) =>
        $"{series.Labels["__name__"]}{JsonLabels.Format(series.Labels.Where(l => l.Key is not ("__name__" or "host" or "job" or "instance")))} {series.Value}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
