using System.Text.RegularExpressions;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.EndToEnd;

/// <summary>The metric names the README documents are exactly the ones the exporter serves.</summary>
public partial class MetricContractTests
{
    [GeneratedRegex(@"^\| `(?<name>sshd?_[a-z_]+)", RegexOptions.Multiline)]
    private static partial Regex DocumentedMetric();

    [Fact]
    public async Task Readme_and_exporter_name_the_same_metrics()
    {
        string readme = await File.ReadAllTextAsync(RepositoryFiles.PathOf("README.md"), TestContext.Current.CancellationToken);
        var documented = DocumentedMetric().Matches(readme).Select(m => m.Groups["name"].Value).ToHashSet();
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig($"targets: [{{address: \"{peer.Target}\"}}]\nsidecar: {{}}\n"));

        var served = ExpositionText.FamilyNames(await exporter.GetTextAsync("/metrics"))
            .Concat(ExpositionText.FamilyNames(await exporter.GetTextAsync($"/probe?target={peer.Target}")))
            .Where(name => name.StartsWith("ssh", StringComparison.Ordinal))
            .ToHashSet();

        Assert.NotEmpty(documented);
        Assert.Equal(documented.Order(), served.Order());
    }
}
