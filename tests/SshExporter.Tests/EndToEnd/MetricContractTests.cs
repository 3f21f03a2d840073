using System.Text.RegularExpressions;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.EndToEnd;

/// <summary>
/// One metric contract: the names the README documents are exactly the ones the exporter serves, and every name
/// the alert rules and the runbook use is one it serves.
/// </summary>
[NeedsSshd]
public partial class MetricContractTests
{
    [GeneratedRegex(@"^\| `(?<name>sshd?_[a-z_]+)", RegexOptions.Multiline)]
    private static partial Regex DocumentedMetric();

    /// <summary>A name that looks like one of ours, but not sshd_config (a file) nor ssh_host_*_key (key files).</summary>
    [GeneratedRegex(@"\b(?!sshd_config\b|ssh_host_[a-z0-9]+_key\b)sshd?_[a-z_]*[a-z]\b")]
    private static partial Regex MetricLikeName();

    /// <summary>A recording rule's name, level:metric:operations, which Prometheus makes rather than the exporter.</summary>
    [GeneratedRegex(@"\b[a-z_]+:[a-z_:]+:[a-z_]+\b")]
    private static partial Regex RecordedName();

    [Fact]
    public async Task Readme_and_exporter_name_the_same_metrics()
    {
        string readme = await File.ReadAllTextAsync(RepositoryRoot.Combine("README.md"), TestContext.Current.CancellationToken);
        var documented = DocumentedMetric().Matches(readme).Select(m => m.Groups["name"].Value).ToHashSet();
        var served = await ServedFamiliesAsync();

        Assert.NotEmpty(documented);
        Assert.Equal(documented.Order(), served.Order());
    }

    [Theory]
    [InlineData("alerts/ssh-exporter.rules.yml")]
    [InlineData("docs/runbook.md")]
    public async Task Every_metric_a_shipped_file_uses_is_served(string file)
    {
        string text = await File.ReadAllTextAsync(RepositoryRoot.Combine(file), TestContext.Current.CancellationToken);
        var used = MetricLikeName().Matches(RecordedName().Replace(text, "")).Select(m => m.Value).ToHashSet();
        var served = await ServedFamiliesAsync();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(name => !served.Contains(name)).Order());
    }

    private static async Task<HashSet<string>> ServedFamiliesAsync() =>
        (await ServedMetrics.ReadAsync(TestContext.Current.CancellationToken)).Families;
}
