using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.EndToEnd;

/// <summary>The live exposition passes Prometheus's own linter, as node_exporter's CI checks its own.</summary>
[NeedsPrometheus]
public class PromtoolTests
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/probe?target=SSH")]
    [InlineData("/probe?target=CLOSED")]
    public async Task Promtool_finds_nothing_to_complain_about(string path)
    {
        string promtool = Requires.Tool("promtool");
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"{peer.Target}\", labels: {{env: prod}}}}]\nsidecar: {{}}\n");
        await using var exporter = await ExporterUnderTest.StartAsync(config);
        string body = await exporter.GetTextAsync(path
            .Replace("SSH", peer.Target, StringComparison.Ordinal)
            .Replace("CLOSED", $"127.0.0.1:{ClosedPort.Find()}", StringComparison.Ordinal));

        var check = await ExternalCommand.RunAsync(promtool, ["check", "metrics"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken, input: body);
        string findings = check.Stderr + check.Stdout;

        Assert.True(check.ExitCode == 0 && findings.Trim().Length == 0, $"promtool check metrics:\n{findings}\non:\n{body}");
    }
}
