using SshExporter.Config;
using SshExporter.Tests.Fixtures;
using Xunit.Sdk;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The whole alerting path, built once for every row of <see cref="AlertingTests"/>: one network namespace per
/// SSH server (<see cref="HostFaults"/>), each with a real sshd and a sidecar; in the monitoring namespace the
/// central exporter for /probe, a real Prometheus with the shipped rules and the examples' relabelling, and a real
/// Alertmanager with the shipped routes and inhibitions, whose webhooks reach <see cref="AlertWebhook"/> in this
/// process. After a healthy baseline every fault is injected at once; the environment then waits for each faulty
/// server's page and long enough after the last one for any page that should not come, and keeps what was delivered
/// and what the shipped dashboards' queries gave (<see cref="DashboardQueriesLiveTests"/>).
/// </summary>
public sealed class AlertingEnvironment : IAsyncLifetime
{
    private const int WebhookPort = 5001;

    /// <summary>The central exporter's one module, the one examples/prometheus/probe.yml asks for.</summary>
    private const string CentralModule = "default";
    private static readonly TimeSpan BaselineLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PageLimit = TimeSpan.FromSeconds(90);
    private static readonly string[] Tools =
        ["ip", "ss", "sysctl", "iptables", "kill", "sshd", "ssh-keygen", "socat", "prometheus", "prometheus-alertmanager"];

    private readonly List<IAsyncDisposable> _cleanup = [];
    private readonly Dictionary<string, SshHost> _hosts = new(StringComparer.Ordinal);
    private readonly Timeline _timeline = new();
    private TimeSpan _baselineAt;
    private MonitoringNetwork? _network;
    private MonitoringServer? _centralExporter;
    private AlertWebhook? _webhook;
    private PrometheusServer? _prometheus;
    private AlertmanagerServer? _alertmanager;

    /// <summary>Every alert the webhook received, once the environment has run.</summary>
    public IReadOnlyList<DeliveredAlert> Delivered { get; private set; } = [];

    /// <summary>Prometheus's pending and firing alerts at the end.</summary>
    public IReadOnlyList<ActiveAlert> PrometheusAlerts { get; private set; } = [];

    /// <summary>Alertmanager's alerts at the end, with their inhibition.</summary>
    public IReadOnlyList<ActiveAlert> AlertmanagerAlerts { get; private set; } = [];

    /// <summary>
    /// Per row of <see cref="HostFaults"/>, what the central exporter's and the sidecar's pages said about its server,
    /// read just after the alerts, while every fault still holds.
    /// </summary>
    public IReadOnlyDictionary<string, ServerPages> Pages { get; private set; } = new Dictionary<string, ServerPages>();

    /// <summary>Per host label, the series the rules read, as Prometheus had them at the end (for assertion messages).</summary>
    public IReadOnlyDictionary<string, string> SeriesAtEnd { get; private set; } = new Dictionary<string, string>();

    /// <summary>The shipped dashboards' queries, as Prometheus answered them at the end (<see cref="DashboardQueryRuns"/>).</summary>
    public IReadOnlyList<DashboardQueryRun> DashboardQueries { get; private set; } = [];

    /// <summary>When each phase ended, in seconds from the start.</summary>
    public string Timeline => _timeline.ToString();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Skips the calling test, saying what is missing, unless this machine can build the environment.</summary>
    public static void RequireEverything()
    {
        Requires.Root();
        foreach (string tool in Tools)
        {
            Requires.Tool(tool);
        }
    }

    /// <summary>The <c>host</c> label of a row's server: its address, or the name that does not resolve.</summary>
    public string HostLabel(string row) => row == HostFaults.UnresolvableRow ? HostFaults.UnresolvableHost : _hosts[row].Address;

    public async ValueTask InitializeAsync()
    {
        try
        {
            RequireEverything();
        }
        catch (SkipException)
        {
            return; // every row skips with the reason, from its own call of RequireEverything
        }

        try
        {
            await BuildAsync();
            await RunAsync();
        }
        catch (Exception e)
        {
            await Cleanup.AfterFailureAsync(e, this);
            throw;
        }
    }

    private async Task BuildAsync()
    {
        var directory = new TempDirectory();
        _cleanup.Add(Cleanup.Of(directory));
        string webhookSocket = directory.PathOf("webhook.sock");
        _webhook = Register(await AlertWebhook.StartAsync(webhookSocket, () => _timeline.Now, Token));
        _network = Register(await MonitoringNetwork.CreateAsync(Token));
        var monitoring = _network.Namespace;
        Register(await SocatRelay.TcpToUnixAsync(monitoring, WebhookPort, webhookSocket, Token));

        await Task.WhenAll(HostFaults.All.Select(async fault =>
        {
            var host = Register(await SshHost.StartAsync(fault.Host, _network, fault.Sidecar, Token));
            lock (_hosts)
            {
                _hosts.Add(fault.Host, host);
            }
        }));
        _timeline.Mark($"{_hosts.Count} SSH servers up");

        string centralConfig = directory.Write("central.yml",
            $"modules:\n  {CentralModule}:\n    timeout: {PrometheusDuration.Format(AlertingTiming.ProbeTimeout)}\nsidecar:\n  enabled: false\n");
        _centralExporter = Register(await MonitoringServer.StartAsync(
            monitoring, ExporterProcess.Executable, [$"--config.file={centralConfig}", $"--web.listen-address={CentralExporter}"],
            ExporterProcess.DefaultPort, directory.PathOf("central-exporter.sock"), Token));
        _alertmanager = Register(await AlertmanagerServer.StartAsync(
            monitoring, directory, AlertmanagerConfig.Build($"http://127.0.0.1:{WebhookPort}"), Token));
        string prometheusConfig = PrometheusConfig.Build(
            ShippedRules.WriteScaled(directory, AlertingTiming.TimeDivisor),
            AlertmanagerServer.Address,
            CentralExporter,
            [.. Hosts.Select(h => h.ProbeTarget), $"{HostFaults.UnresolvableHost}:{SshHost.SshPort}"],
            Hosts.Select(h => h.SidecarTarget).OfType<string>());
        _prometheus = Register(await PrometheusServer.StartAsync(monitoring, directory, prometheusConfig, Token));
        _timeline.Mark("central exporter, Prometheus and Alertmanager ready");
    }

    private async Task RunAsync()
    {
        await WaitForHealthyBaselineAsync();

        await Task.WhenAll(HostFaults.All.Where(f => f.Inject is not null).Select(f => f.Inject!(_hosts[f.Host], _network!, Token)));
        _timeline.Mark("faults injected");

        // Every server with a fault pages once its cause has held for the cause's for:.
        string critical = AlertmanagerConfig.PagerReceiver;
        string[] paging = [.. HostFaults.All.Where(f => f.Inject is not null).Select(f => HostLabel(f.Host)), HostFaults.UnresolvableHost];
        bool allPaged = await Poll.UntilAsync(
            () => Task.FromResult(paging.All(host => _webhook!.Delivered.Any(a => a.Receiver == critical && a.Labels["host"] == host))), PageLimit, Token);
        _timeline.Mark(allPaged ? "every faulty server paged" : $"not every faulty server paged within {PageLimit.TotalSeconds}s");

        // A symptom the inhibition failed to hold back would page a symptom's for: after the last cause paged.
        var causes = _webhook!.Delivered.Where(a => a.Labels["diagnosis"] == "cause").ToList();
        var lastCause = causes.Count > 0 ? causes.Max(a => a.ReceivedAt) : _timeline.Now;
        var quietUntil = lastCause + AlertingTiming.QuietPeriod;
        var remaining = quietUntil - _timeline.Now;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, Token);
        }

        _timeline.Mark($"quiet for {AlertingTiming.QuietPeriod.TotalSeconds}s after the last cause paged ({lastCause.TotalSeconds:0.0}s)");

        Delivered = _webhook!.Delivered;
        PrometheusAlerts = await _prometheus!.AlertsAsync(Token);
        AlertmanagerAlerts = await _alertmanager!.AlertsAsync(Token);
        Pages = await ReadPagesAsync();
        _timeline.Mark($"pages of {Pages.Count} servers read");
        SeriesAtEnd = await _prometheus.RuleInputsByHostAsync(Token);
        DashboardQueries = await DashboardQueryRuns.RunAsync(
            _prometheus, DashboardQueryRuns.Hosts.ToDictionary(row => row, HostLabel, StringComparer.Ordinal), Token);
        _timeline.Mark($"{DashboardQueries.Count} dashboard queries answered");
        await MarkSlowestScrapesAsync();
        foreach (var alert in Delivered)
        {
            _timeline.Mark(alert.ReceivedAt, $"delivered: {alert}");
        }
    }

    /// <summary>Each row's pages, the servers at once: the central exporter's <c>/target</c> of its port, and its sidecar's landing page.</summary>
    private async Task<Dictionary<string, ServerPages>> ReadPagesAsync()
    {
        var pages = await Task.WhenAll(HostFaults.All.Select(f => f.Host).Append(HostFaults.UnresolvableRow).Select(async row =>
        {
            var host = _hosts.GetValueOrDefault(row);
            string target = host?.ProbeTarget ?? $"{HostFaults.UnresolvableHost}:{SshHost.SshPort}";
            return (row, await ServerPages.ReadAsync(_centralExporter!.Http, target, CentralModule, host, Token));
        }));
        return pages.ToDictionary(page => page.row, page => page.Item2, StringComparer.Ordinal);
    }

    /// <summary>The central exporter's address in the monitoring namespace: the exporter's default port, on loopback.</summary>
    private static string CentralExporter => $"127.0.0.1:{ExporterProcess.DefaultPort}";

    private IEnumerable<SshHost> Hosts => HostFaults.All.Select(f => _hosts[f.Host]);

    /// <summary>Until the state the faults break; fails with what Prometheus, the sidecars and the central exporter said.</summary>
    private async Task WaitForHealthyBaselineAsync()
    {
        var (reached, seen) = await HealthyBaseline.WaitAsync(
            _prometheus!, _hosts.Count, Hosts.Count(h => h.SidecarTarget is not null), BaselineLimit, Token);
        if (!reached)
        {
            Assert.Fail($"no healthy baseline within {BaselineLimit.TotalSeconds}s:\n{seen}\n{await SeriesTextAsync()}\n{SidecarLogs()}\n--- central exporter\n{_centralExporter!.Output}");
        }

        _baselineAt = _timeline.Now;
        var alerts = await _prometheus!.AlertsAsync(Token);
        _timeline.Mark($"healthy baseline; alerts pending or firing: {(alerts.Count == 0 ? "none" : string.Join("; ", alerts))}");
    }

    /// <summary>How close the scrapes since the baseline came to their timeout: the headroom the timing relies on.</summary>
    private async Task MarkSlowestScrapesAsync()
    {
        string since = PrometheusDuration.Format(TimeSpan.FromSeconds(Math.Ceiling((_timeline.Now - _baselineAt).TotalSeconds)));
        var (slowest, answer) = await _prometheus!.TryQueryAsync($"max by (job) (max_over_time(scrape_duration_seconds[{since}]))", Token);
        _timeline.Mark(slowest is null
            ? $"slowest scrape since the baseline not known: {answer}"
            : $"slowest scrape since the baseline: {string.Join(", ", slowest.Select(s => $"{s.Labels["job"]} {s.Value:0.00}s"))} (timeout {AlertingTiming.ScrapeTimeout.TotalSeconds}s)");
    }

    /// <summary>The series the rules read, per host; for a failure message, so a failure to read them is only said.</summary>
    private async Task<string> SeriesTextAsync()
    {
        try
        {
            return string.Join("\n", (await _prometheus!.RuleInputsByHostAsync(Token)).OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"--- {h.Key}\n{h.Value}"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"(the series could not be read: {e.Message})";
        }
    }

    /// <summary>What each sidecar logged, for a baseline that never came.</summary>
    private string SidecarLogs() => string.Join("\n", Hosts.Select(h => $"--- sidecar of {h.Name} ({h.Address})\n{h.SidecarOutput}"));

    private T Register<T>(T resource) where T : IAsyncDisposable
    {
        lock (_cleanup)
        {
            _cleanup.Add(resource);
        }

        return resource;
    }

    /// <summary>
    /// Stops everything it started, newest first (each process by its pid), then deletes the namespaces and files;
    /// what fails to clean up fails the run, after the rest is cleaned up.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        IAsyncDisposable[] resources;
        lock (_cleanup)
        {
            resources = [.. Enumerable.Reverse(_cleanup)];
            _cleanup.Clear();
        }

        return Cleanup.DisposeAllAsync(resources);
    }
}
