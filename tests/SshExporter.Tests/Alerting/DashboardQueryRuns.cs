using SshExporter.Config;
using SshExporter.Tests.Dashboards;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>One query of a dashboard as Prometheus answered it, for one choice of the <c>host</c> variable.</summary>
public sealed record DashboardQueryRun(string Dashboard, string Host, DashboardQuery Query, string Expr, HttpAnswer Answer, int? SeriesCount)
{
    /// <summary>HTTP 200 and the API's "status":"success": the query ran without error.</summary>
    public bool Succeeded => Answer.Status == 200 && SeriesCount is not null && Answer.Body.Contains("\"status\":\"success\"", StringComparison.Ordinal);

    public bool HasData => SeriesCount > 0;

    public override string ToString() =>
        $"{Dashboard} host={Host} {Query.Where}: {(Succeeded ? $"{SeriesCount} series" : Answer.ToString())}\n    {Expr}";
}

/// <summary>
/// Every query of the shipped dashboards, with the variables Grafana would put in, asked of the environment's
/// Prometheus at the end of the run: an instant query each (no panel needs a range to have data), a few at a time.
/// </summary>
public static class DashboardQueryRuns
{
    /// <summary>The value of <c>$job</c>: the variable's All (its allValue), every job.</summary>
    public const string AllJobs = ".*";

    /// <summary>The fleet dashboard's <c>$host</c> at All (its allValue).</summary>
    public const string AllHosts = ".*";

    public const string Fleet = "ssh-fleet.json";

    /// <summary>The servers (rows of <see cref="HostFaults"/>) whose <c>host</c> the dashboards are asked for: the healthy one, and faults with and without a sidecar.</summary>
    public static readonly string[] Hosts = ["healthy", "stopped", "drop", "nosidecar"];

    /// <summary>
    /// Queries in flight at once: the relay into the monitoring namespace refuses connections beyond its backlog,
    /// so a few at a time, which still answers a few hundred queries in about a second.
    /// </summary>
    private const int Concurrency = 4;

    public const string OneHost = "ssh-host.json";

    /// <summary>The interval Grafana's $__rate_interval and the like stand for: four of the environment's scrapes.</summary>
    public static string Interval => PrometheusDuration.Format(4 * AlertingTiming.ScrapeInterval);

    /// <summary>
    /// The fleet dashboard at All hosts and at each of <paramref name="hosts"/> (row name to <c>host</c> label), the
    /// host dashboard at each of them. A run's <c>Host</c> is the row name, or <see cref="AllHosts"/>.
    /// </summary>
    public static async Task<IReadOnlyList<DashboardQueryRun>> RunAsync(
        PrometheusServer prometheus, IReadOnlyDictionary<string, string> hosts, CancellationToken cancellationToken)
    {
        var asked = new List<(string Dashboard, string Host, DashboardQuery Query, string Expr)>();
        var fleet = DashboardFiles.Queries(DashboardFiles.Load(Fleet)).ToList();
        var oneHost = DashboardFiles.Queries(DashboardFiles.Load(OneHost)).ToList();
        foreach (var query in fleet)
        {
            asked.Add((Fleet, AllHosts, query, DashboardFiles.Interpolate(query.Expr, AllJobs, AllHosts, Interval)));
        }

        foreach (var (row, label) in hosts)
        {
            asked.AddRange(fleet.Select(query => (Fleet, row, query, DashboardFiles.Interpolate(query.Expr, AllJobs, label, Interval))));
            asked.AddRange(oneHost.Select(query => (OneHost, row, query, DashboardFiles.Interpolate(query.Expr, AllJobs, label, Interval))));
        }

        using var slots = new SemaphoreSlim(Concurrency);
        return await Task.WhenAll(asked.Select(async a =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var (series, answer) = await prometheus.TryQueryAsync(a.Expr, cancellationToken);
                return new DashboardQueryRun(a.Dashboard, a.Host, a.Query, a.Expr, answer, series?.Count);
            }
            finally
            {
                slots.Release();
            }
        }));
    }
}
