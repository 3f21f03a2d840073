using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The alerting files the project ships pass the tools that own them: promtool for the rules, their unit tests and
/// the example scrape configs, amtool for the Alertmanager example.
/// </summary>
public class ShippedAlertingFilesTests
{
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(60);

    public static TheoryData<string> ScrapeConfigs => [.. Directory.GetFiles(RepositoryRoot.Combine("examples/prometheus"), "*.yml").Select(path => Path.GetFileName(path)).Order()];

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
        string[] tests = Directory.GetFiles(RepositoryRoot.Combine("alerts/tests"), "*.test.yml");
        Assert.NotEmpty(tests);

        var run = await RunAsync(Requires.Tool("promtool"), ["test", "rules", .. tests]);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_example()
    {
        var check = await RunAsync(Requires.Tool("amtool"), "check-config", RepositoryRoot.Combine("alerts/alertmanager.example.yml"));

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("2 inhibit rules", check.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ScrapeConfigs))]
    public async Task Promtool_accepts_each_example_scrape_config(string file)
    {
        var check = await RunAsync(Requires.Tool("promtool"), "check", "config", RepositoryRoot.Combine($"examples/prometheus/{file}"));

        Assert.True(check.ExitCode == 0, check.ToString());
    }

    private static string RuleFile => RepositoryRoot.Combine("alerts/ssh-exporter.rules.yml");

    private static Task<ExternalCommand.Result> RunAsync(string tool, params string[] arguments) =>
        ExternalCommand.RunAsync(tool, arguments, ToolLimit, TestContext.Current.CancellationToken);
}
