using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The alerting files the project ships pass the tools that own them: promtool for the rules, their unit tests and
/// the example scrape configs, amtool for the Alertmanager example.
/// </summary>
[NeedsPrometheus]
public class ShippedAlertingFilesTests
{
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(60);
    private static readonly string[] Severities = ["critical", "warning", "info"];
    private static readonly string[] Diagnoses = ["cause", "symptom"];

    /// <summary>The rule group about SSH being down: its alerts name a cause or a symptom, which the inhibitions join on.</summary>
    private const string SshDownGroup = "ssh-exporter";

    public static TheoryData<string> ScrapeConfigs =>
        [.. Directory.GetFiles(RepositoryRoot.Combine(ExamplePrometheusConfig.Directory), "*.yml").Select(path => Path.GetFileName(path)).Order()];

    [Fact]
    public async Task Promtool_accepts_the_rules()
    {
        var check = await RunAsync(Requires.Tool("promtool"), "check", "rules", RuleFile);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("SUCCESS", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rules_pass_their_unit_tests()
    {
        string[] tests = Directory.GetFiles(RepositoryRoot.Combine(ShippedAlerts.RuleTestDirectory), "*.test.yml");
        Assert.NotEmpty(tests);

        var run = await RunAsync(Requires.Tool("promtool"), ["test", "rules", .. tests]);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_example()
    {
        var check = await RunAsync(Requires.Tool("amtool"), "check-config", RepositoryRoot.Combine(ShippedAlerts.AlertmanagerExample));

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("2 inhibit rules", check.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string> AlertNames => [.. ShippedAlerts.All.Select(alert => alert.Name)];

    /// <summary>
    /// Monitoring-mixin conventions, and the labels the Alertmanager example's inhibitions rely on: every alert about
    /// SSH being down says whether it names the cause or a symptom; the others (the exporter itself, algorithms and
    /// host keys) have no diagnosis, so they neither inhibit nor are inhibited.
    /// </summary>
    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Each_alert_has_the_conventional_labels_and_annotations(string name)
    {
        var alert = ShippedAlerts.All.Single(a => a.Name == name);

        Assert.StartsWith("Ssh", alert.Name, StringComparison.Ordinal);
        Assert.Contains(alert.Severity, Severities);
        Assert.Equal(["description", "runbook_url", "summary"], alert.Annotations.Keys.Order());
        Assert.EndsWith(".", alert.Annotations["summary"], StringComparison.Ordinal);
        if (GroupOf(name) == SshDownGroup)
        {
            Assert.Contains(alert.Labels.GetValueOrDefault("diagnosis"), Diagnoses);
        }
        else
        {
            Assert.False(alert.Labels.ContainsKey("diagnosis"), $"{name} is not about SSH being down, so it names no cause or symptom");
        }
    }

    /// <summary>Pages go to the pager, the rest to the quieter receiver, as amtool routes them.</summary>
    [Theory]
    [MemberData(nameof(AlertNames))]
    public async Task The_alertmanager_example_routes_pages_to_the_pager_and_the_rest_elsewhere(string name)
    {
        var alert = ShippedAlerts.All.Single(a => a.Name == name);
        Assert.NotEqual(AlertmanagerConfig.PagerReceiver, AlertmanagerConfig.DefaultReceiver);
        string expected = alert.Severity == "critical" ? AlertmanagerConfig.PagerReceiver : AlertmanagerConfig.DefaultReceiver;

        var route = await RunAsync(Requires.Tool("amtool"), "config", "routes", "test",
            $"--config.file={RepositoryRoot.Combine(ShippedAlerts.AlertmanagerExample)}", $"--verify.receivers={expected}",
            $"alertname={alert.Name}", $"severity={alert.Severity}", "host=server.invalid");

        Assert.True(route.ExitCode == 0, route.ToString());
    }

    [Theory]
    [MemberData(nameof(ScrapeConfigs))]
    public async Task Promtool_accepts_each_example_scrape_config(string file)
    {
        var check = await RunAsync(Requires.Tool("promtool"), "check", "config", RepositoryRoot.Combine($"{ExamplePrometheusConfig.Directory}/{file}"));

        Assert.True(check.ExitCode == 0, check.ToString());
        // promtool also checks the file_sd files a config names, and only warns when its glob finds none.
        Assert.False((check.Stdout + check.Stderr).Contains("WARNING", StringComparison.Ordinal), check.ToString());
    }

    private static string RuleFile => RepositoryRoot.Combine(ShippedAlerts.RuleFile);

    private static string GroupOf(string alert) => YamlFile.Load(RuleFile).Mappings("groups")
        .Single(group => group.Mappings("rules").Any(rule => rule.Text("alert") == alert)).Text("name")!;

    private static Task<ExternalCommand.Result> RunAsync(string tool, params string[] arguments) =>
        ExternalCommand.RunAsync(tool, arguments, ToolLimit, TestContext.Current.CancellationToken);
}
