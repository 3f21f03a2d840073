using System.Text.Json;
using System.Text.Json.Nodes;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Dashboards;

/// <summary>
/// The dashboards' PromQL, checked by Prometheus's own promtool: every query parses once Grafana has put in the
/// variables, and the queries that join the two views and the alerts give the rows the panels promise, on made-up
/// series (promtool's rule unit tests).
/// </summary>
[NeedsNode, NeedsPrometheus]
public class DashboardQueryTests
{
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(60);

    private static readonly string[] Outcomes =
        ["success", "dns_error", "refused", "connect_timeout", "unreachable", "reset", "closed", "banner_timeout", "banner_invalid", "protocol_unsupported"];

    [Theory]
    [MemberData(nameof(DashboardFiles.All), MemberType = typeof(DashboardFiles))]
    public async Task Every_query_parses_with_promtool(string name)
    {
        string promtool = Requires.Tool("promtool");
        var queries = DashboardFiles.Queries(DashboardFiles.Load(name)).ToList();
        Assert.NotEmpty(queries);
        var rules = queries.Select((query, index) => new { record = $"dashboard_query_{index}", expr = Interpolate(query.Expr) }).ToList();
        using var directory = new TempDirectory();
        string file = directory.Write("queries.rules.yml", RuleFile(rules));

        var check = await ExternalCommand.RunAsync(promtool, ["check", "rules", file], ToolLimit, TestContext.Current.CancellationToken);

        string index = string.Join('\n', queries.Select((query, i) => $"rule {i + 1}: {query.Where}"));
        Assert.True(check.ExitCode == 0, $"promtool check rules on the queries of dashboards/{name}: {check}\n{index}");
        Assert.Contains($"SUCCESS: {queries.Count} rules found", check.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// The fleet's table of failing targets: one row per failing host and port, with the remote outcome, the first
    /// finding of the sidecar ("no sidecar" without one), the alert that fires (a cause before its symptom, a
    /// host-wide cause on every failing port of its host) and the anchor of its runbook section (triage while
    /// none fires); targets that answer have no row.
    /// </summary>
    [Fact]
    public async Task The_failing_targets_table_names_the_outcome_the_sidecar_finding_the_alert_and_its_runbook_section()
    {
        var series = new List<object>();
        // sshd stopped: the host-wide cause wins over the refused symptom.
        Probe(series, "stopped", "22", "refused");
        Sidecar(series, "stopped", ("sshd_service_active", 0), ("sshd_listener_up", 0));
        Alert(series, "SshDaemonNotRunning", "stopped", port: null, "cause");
        Alert(series, "SshConnectionRefused", "stopped", "22", "symptom");
        // The host's firewall: the port's cause wins over the symptom of the same port.
        Probe(series, "walled", "22", "refused");
        Sidecar(series, "walled", ("sshd_firewall_port_allowed", 0));
        Alert(series, "SshConnectionRefused", "walled", "22", "symptom");
        Alert(series, "SshHostFirewallBlocking", "walled", "22", "cause");
        // No sidecar: only the symptom can fire.
        Probe(series, "bare", "22", "connect_timeout");
        Alert(series, "SshConnectionTimeout", "bare", "22", "symptom");
        // Failing for a moment, no alert yet, nothing wrong on the host.
        Probe(series, "flaky", "2222", "banner_timeout");
        Sidecar(series, "flaky");
        // Healthy: no row.
        Probe(series, "fine", "22", "success");
        Sidecar(series, "fine");
        string expr = Interpolate(Query("ssh-fleet.json", "Failing targets: what they see and what fixes it"), job: ".*", host: ".*");

        await AssertPromtoolTestAsync(expr, series,
        [
            Row("stopped", "22", "refused", "sshd not running", "SshDaemonNotRunning", "sshdaemonnotrunning"),
            Row("walled", "22", "refused", "firewall blocks a port", "SshHostFirewallBlocking", "sshhostfirewallblocking"),
            Row("bare", "22", "connect_timeout", "no sidecar", "SshConnectionTimeout", "sshconnectiontimeout"),
            Row("flaky", "2222", "banner_timeout", "all checks pass", alertname: null, "triage"),
        ]);
    }

    /// <summary>
    /// The state panels show each outcome by the code their query gives it: the panel's value mapping turns the
    /// code back into the outcome that is 1.
    /// </summary>
    [Fact]
    public async Task The_outcome_panels_show_the_outcome_that_is_1()
    {
        var panel = Panel("ssh-fleet.json", "Outcome per target over time");
        var mapping = panel["fieldConfig"]!["defaults"]!["mappings"]![0]!["options"]!.AsObject()
            .ToDictionary(pair => DashboardFiles.Str(pair.Value, "text"), pair => pair.Key);
        var series = new List<object>();
        foreach (string outcome in Outcomes)
        {
            Probe(series, $"host-{outcome}", "22", outcome);
        }

        string expr = Interpolate(DashboardFiles.Str(panel["targets"]![0], "expr"), job: ".*", host: ".*");

        await AssertPromtoolTestAsync(expr, series,
            [.. Outcomes.Select(outcome => new { labels = $"dashboard_query{{host=\"host-{outcome}\",port=\"22\"}}", value = double.Parse(mapping[outcome], System.Globalization.CultureInfo.InvariantCulture) })]);
    }

    private static string Interpolate(string expr, string job = "ssh-probe", string host = "bastion.example.invalid") =>
        DashboardFiles.Interpolate(expr, job, host);

    private static JsonObject Panel(string dashboard, string title) =>
        DashboardFiles.DataPanels(DashboardFiles.Load(dashboard)).Single(panel => DashboardFiles.Str(panel, "title") == title);

    private static string Query(string dashboard, string title) => DashboardFiles.Str(Panel(dashboard, title)["targets"]![0], "expr");

    private static void Probe(List<object> series, string host, string port, string outcome)
    {
        foreach (string each in Outcomes)
        {
            series.Add(Series("ssh_probe_outcome", $"job=\"ssh-probe\",instance=\"{host}:{port}\",host=\"{host}\",port=\"{port}\",outcome=\"{each}\"", each == outcome ? 1 : 0));
        }
    }

    /// <summary>A sidecar whose checks all pass, except the <paramref name="findings"/>.</summary>
    private static void Sidecar(List<object> series, string host, params (string Metric, int Value)[] findings)
    {
        string[] checks =
        [
            "sshd_host_key_present", "sshd_config_valid", "sshd_service_active", "sshd_firewall_port_allowed",
            "sshd_listener_up", "sshd_local_probe_success", "sshd_check_success",
        ];
        foreach (string metric in checks)
        {
            int value = findings.Where(f => f.Metric == metric).Select(f => f.Value).DefaultIfEmpty(1).First();
            series.Add(Series(metric, $"job=\"ssh-sidecar\",instance=\"{host}:9722\",host=\"{host}\"", value));
        }
    }

    private static void Alert(List<object> series, string name, string host, string? port, string diagnosis)
    {
        string portLabel = port is null ? "" : $",port=\"{port}\"";
        series.Add(Series("ALERTS", $"alertname=\"{name}\",alertstate=\"firing\",severity=\"critical\",diagnosis=\"{diagnosis}\",host=\"{host}\"{portLabel}", 1));
    }

    private static object Series(string metric, string labels, int value) => new { series = $"{metric}{{{labels}}}", values = $"{value}x5" };

    private static object Row(string host, string port, string outcome, string sidecar, string? alertname, string runbook)
    {
        string alert = alertname is null ? "" : $",alertname=\"{alertname}\"";
        return new { labels = $"dashboard_query{{host=\"{host}\",port=\"{port}\",outcome=\"{outcome}\",sidecar=\"{sidecar}\"{alert},runbook=\"{runbook}\"}}", value = 1 };
    }

    /// <summary>Records <paramref name="expr"/> as dashboard_query and runs promtool's unit test of it at 2m.</summary>
    private static async Task AssertPromtoolTestAsync(string expr, List<object> series, IReadOnlyList<object> expected)
    {
        string promtool = Requires.Tool("promtool");
        using var directory = new TempDirectory();
        directory.Write("query.rules.yml", RuleFile([new { record = "dashboard_query", expr }]));
        var test = new
        {
            rule_files = new[] { "query.rules.yml" },
            evaluation_interval = "1m",
            tests = new[]
            {
                new
                {
                    interval = "1m",
                    input_series = series,
                    promql_expr_test = new[] { new { expr = "dashboard_query", eval_time = "2m", exp_samples = expected } },
                },
            },
        };
        string file = directory.Write("query.test.yml", JsonSerializer.Serialize(test));

        var run = await ExternalCommand.RunAsync(promtool, ["test", "rules", file], ToolLimit, TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, $"promtool test rules: {run}\nquery:\n{expr}");
    }

    /// <summary>A rule file (JSON is YAML) with one group of recording rules.</summary>
    private static string RuleFile<T>(IReadOnlyList<T> rules) =>
        JsonSerializer.Serialize(new { groups = new[] { new { name = "dashboards", rules } } });
}
