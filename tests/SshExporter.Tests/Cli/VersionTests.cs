using System.Text.RegularExpressions;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Packaging;

namespace SshExporter.Tests.Cli;

/// <summary><c>--version</c> in the form of Prometheus's programs, and the same facts on <c>ssh_exporter_build_info</c>.</summary>
[NeedsExporterBinary]
public partial class VersionTests
{
    [GeneratedRegex(@"^ssh_exporter, version (?<version>[0-9.]+) \(branch: (?<branch>\S+), revision: (?<revision>[0-9a-f]{40})\)\n  runtime: \.NET (?<runtime>[0-9.]+)\n$")]
    private static partial Regex VersionOutput();

    [Fact]
    public async Task Version_names_version_branch_revision_and_runtime_as_build_info_does()
    {
        var (exitCode, output) = await ExporterProcess.RunAsync("--version");

        Assert.Equal(0, exitCode);
        var match = VersionOutput().Match(output.Replace("\r", "", StringComparison.Ordinal));
        Assert.True(match.Success, $"--version printed: {output}");
        Assert.Equal(ProjectVersion.Value, match.Groups["version"].Value);
        Assert.Equal(Environment.Version.ToString(), match.Groups["runtime"].Value);

        await using var exporter = await ExporterUnderTest.StartAsync();
        string metrics = await exporter.GetTextAsync("/metrics");
        Assert.Equal(1, ExpositionText.Value(metrics,
            $$"""ssh_exporter_build_info{version="{{match.Groups["version"]}}",revision="{{match.Groups["revision"]}}",branch="{{match.Groups["branch"]}}",runtime="{{match.Groups["runtime"]}}"}"""));
    }
}
