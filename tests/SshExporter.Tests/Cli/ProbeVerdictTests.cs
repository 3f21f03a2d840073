using System.Text.Json;
using System.Text.RegularExpressions;
using SshExporter.Cli;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Cli;

/// <summary>
/// <c>probe</c> as on-call runs it: the verdict first (state, cause, the next commands, the runbook section), then the
/// details; <c>--output json</c> for scripts; exit codes that tell a target's fault, a usage error and success apart.
/// </summary>
[NeedsExporterBinary]
public class ProbeVerdictTests
{
    private static readonly string Quick = ExporterUnderTest.WriteConfig("modules: {quick: {timeout: 1s}}\n");

    [Fact]
    public async Task A_refused_port_prints_the_verdict_before_the_details_and_exits_1()
    {
        int port = ClosedPort.Find();

        var run = await ProbeAsync($"127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Fault, run.ExitCode);
        Assert.StartsWith($"Critical: 127.0.0.1:{port}\nConnections to 127.0.0.1 port {port} are refused, and no local check of the server explains why.\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\nConfirm:\n  ssh -vvv -p {port} user@127.0.0.1\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\nRunbook: {RunbookLinks.DefaultBaseUrl}#sshconnectionrefused (SshConnectionRefused)\n", run.Stdout, StringComparison.Ordinal);
        Assert.True(
            run.Stdout.IndexOf("(SshConnectionRefused)", StringComparison.Ordinal) < run.Stdout.IndexOf("Logs for the probe:", StringComparison.Ordinal),
            run.ToString());
        Assert.Contains("ssh_connection_refused 1", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_sends_its_banner_is_a_banner_timeout_fault()
    {
        await using var peer = ScriptedPeer.Silent();

        var run = await ProbeAsync(peer.Target);

        Assert.Equal(ExitCodes.Fault, run.ExitCode);
        Assert.StartsWith($"Critical: {peer.Target}\n{peer.Target.Replace(":", " port ", StringComparison.Ordinal)} accepts connections but sends no SSH banner", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("#sshbannertimeout (SshBannerTimeout)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answering_server_is_healthy_and_exits_0()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");

        var run = await ProbeAsync(peer.Target);

        Assert.Equal(ExitCodes.Healthy, run.ExitCode);
        Assert.StartsWith($"Healthy: {peer.Target}\nSSH answers: SSH-2.0-OpenSSH_9.2p1 in ", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Runbook:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_document_of_a_refused_port_has_the_verdict_its_commands_and_the_probe()
    {
        int port = ClosedPort.Find();

        var run = await ProbeAsync($"127.0.0.1:{port}", "--output", "json");

        Assert.Equal(ExitCodes.Fault, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("probe", root.GetProperty("command").GetString());
        Assert.Equal(ExitCodes.Fault, root.GetProperty("exit_code").GetInt32());
        var verdict = root.GetProperty("verdict");
        Assert.Equal("critical", verdict.GetProperty("state").GetString());
        Assert.Equal("SshConnectionRefused", verdict.GetProperty("alert").GetString());
        Assert.StartsWith($"Connections to 127.0.0.1 port {port} are refused", verdict.GetProperty("sentence").GetString(), StringComparison.Ordinal);
        Assert.Equal($"ssh -vvv -p {port} user@127.0.0.1", verdict.GetProperty("confirm")[0].GetString());
        Assert.Equal($"{RunbookLinks.DefaultBaseUrl}#sshconnectionrefused", verdict.GetProperty("runbook_url").GetString());
        var finding = Assert.Single(verdict.GetProperty("findings").EnumerateArray());
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal("symptom", finding.GetProperty("kind").GetString());
        Assert.Equal($"probe of 127.0.0.1:{port}: refused", finding.GetProperty("evidence")[0].GetString());
        var probe = root.GetProperty("probe");
        Assert.Equal("refused", probe.GetProperty("outcome").GetString());
        Assert.False(probe.GetProperty("success").GetBoolean());
        Assert.Equal(1, probe.GetProperty("timeout_seconds").GetDouble());
        Assert.True(probe.GetProperty("phase_seconds").GetProperty("connect").GetDouble() > 0, run.Stdout);
        Assert.Equal(JsonValueKind.Null, probe.GetProperty("local_failure").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("checks").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("local_sshd").ValueKind);
    }

    [Fact]
    public async Task The_json_document_of_an_answering_server_is_healthy()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");

        var run = await ProbeAsync(peer.Target, "--output=json");

        Assert.Equal(ExitCodes.Healthy, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var verdict = json.RootElement.GetProperty("verdict");
        Assert.Equal("healthy", verdict.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, verdict.GetProperty("alert").ValueKind);
        Assert.Equal("success", json.RootElement.GetProperty("probe").GetProperty("outcome").GetString());
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1", json.RootElement.GetProperty("probe").GetProperty("identification").GetString());
    }

    [Theory]
    [InlineData("probe")]
    [InlineData("probe --target")]
    [InlineData("probe --target 127.0.0.1:port")]
    [InlineData("probe --target 127.0.0.1:99999")]
    [InlineData("probe --target 127.0.0.1:22 --output yaml")]
    [InlineData("probe --target 127.0.0.1:22 --no-such-flag")]
    [InlineData("probe --target 127.0.0.1:22 --module no_such_module")]
    [InlineData("probe --target 127.0.0.1:22 --config.file /nonexistent/ssh_exporter.yml")]
    [InlineData("diagnose --target ::1:2500")]
    [InlineData("diagnose --output yaml")]
    [InlineData("diagnose --config.file /nonexistent/ssh_exporter.yml")]
    public async Task A_usage_error_exits_2_before_anything_is_probed(string command)
    {
        var run = await RunAsync(command.Split(' '));

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.NotEqual("", run.Stderr.Trim());
    }

    [Fact]
    public async Task Diagnose_with_a_config_that_has_no_sidecar_section_is_a_usage_error()
    {
        var run = await RunAsync("diagnose", "--config.file", Quick);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"{Quick} has no 'sidecar:' section: diagnose runs the local checks it configures", run.Stderr.Trim());
    }

    [Fact]
    public async Task The_help_of_each_command_lists_the_exit_codes()
    {
        foreach (string command in new[] { "probe", "diagnose" })
        {
            var run = await RunAsync(command, "--help");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains(ExitCodes.Help, Regex.Replace(run.Stdout, @"\s+", " "), StringComparison.Ordinal);
        }
    }

    private static Task<ExternalCommand.Result> ProbeAsync(string target, params string[] more) =>
        RunAsync(["probe", "--target", target, "--module", "quick", "--config.file", Quick, .. more]);

    private static Task<ExternalCommand.Result> RunAsync(params string[] arguments) =>
        ExternalCommand.RunAsync(ProbeCli.Executable, arguments, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}
