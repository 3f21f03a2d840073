using System.Text.Json;
using SshExporter.Cli;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Cli;

/// <summary>
/// <c>diagnose</c> on the SSH server, against a real sshd: the local checks of the config's <c>sidecar:</c> section
/// with a probe of the local sshd's port, judged together, then the checks as <c>/sidecar</c> words them.
/// </summary>
[NeedsSshd]
[NeedsTool("python3")]
[NeedsExporterBinary]
public class DiagnoseCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_sshd_is_healthy_and_once_stopped_it_is_named_as_not_running()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        string config = ExporterUnderTest.WriteSidecarConfig(sshd.ConfigPath);

        var healthy = await DiagnoseAsync(config);

        Assert.True(healthy.ExitCode == ExitCodes.Healthy, healthy.ToString());
        Assert.StartsWith($"Healthy: localhost:{sshd.Port}\nSSH answers: SSH-2.0-OpenSSH_", healthy.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nlocal sshd: the same verdict\n", healthy.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nLocal checks of sshd:\nservice      sshd is running", healthy.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\nlocal_probe  127.0.0.1:{sshd.Port} success\n", healthy.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nLogs for the probe:\n", healthy.Stdout, StringComparison.Ordinal);

        var healthyJson = await DiagnoseAsync(config, "--output", "json");
        using (var json = JsonDocument.Parse(healthyJson.Stdout))
        {
            Assert.Equal(ExitCodes.Healthy, healthyJson.ExitCode);
            Assert.Equal("diagnose", json.RootElement.GetProperty("command").GetString());
            Assert.Equal("healthy", json.RootElement.GetProperty("verdict").GetProperty("state").GetString());
            Assert.Equal("healthy", json.RootElement.GetProperty("local_sshd").GetProperty("state").GetString());
            Assert.Equal("success", json.RootElement.GetProperty("probe").GetProperty("outcome").GetString());
            var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
            Assert.Contains("service", checks.Select(check => check.GetProperty("check").GetString()));
            Assert.All(checks, check => Assert.True(check.GetProperty("looked").GetBoolean(), check.ToString()));
            Assert.All(checks, check => Assert.Empty(check.GetProperty("alerts").EnumerateArray()));
        }

        await sshd.KillAsync();
        var stopped = await DiagnoseAsync(config);

        Assert.True(stopped.ExitCode == ExitCodes.Fault, stopped.ToString());
        Assert.StartsWith($"Critical: localhost:{sshd.Port}\nsshd is stopped on localhost", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\nRunbook: {RunbookLinks.DefaultBaseUrl}#sshdaemonnotrunning (SshDaemonNotRunning)\n", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\nlistener     port {sshd.Port} NOT listening\n", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\n  runbook: {RunbookLinks.DefaultBaseUrl}#sshdaemonnotrunning\n", stopped.Stdout, StringComparison.Ordinal);

        var stoppedJson = await DiagnoseAsync(config, "--output=json");
        using (var json = JsonDocument.Parse(stoppedJson.Stdout))
        {
            Assert.Equal(ExitCodes.Fault, json.RootElement.GetProperty("exit_code").GetInt32());
            Assert.Equal("SshDaemonNotRunning", json.RootElement.GetProperty("verdict").GetProperty("alert").GetString());
            Assert.Equal("SshDaemonNotRunning", json.RootElement.GetProperty("local_sshd").GetProperty("alert").GetString());
            Assert.Equal("refused", json.RootElement.GetProperty("probe").GetProperty("outcome").GetString());
            var service = json.RootElement.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("check").GetString() == "service");
            Assert.Equal(["SshDaemonNotRunning"], service.GetProperty("alerts").EnumerateArray().Select(alert => alert.GetString()));
        }
    }

    [Fact]
    public async Task A_refused_target_beside_a_healthy_local_sshd_gives_both_verdicts()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        int closed = ClosedPort.Find();

        var run = await DiagnoseAsync(ExporterUnderTest.WriteSidecarConfig(sshd.ConfigPath), "--target", $"127.0.0.1:{closed}");

        Assert.True(run.ExitCode == ExitCodes.Fault, run.ToString());
        Assert.StartsWith($"Critical: 127.0.0.1:{closed}\nConnections to 127.0.0.1 port {closed} are refused", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nHealthy: local sshd\nEvery local check passes", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_that_cannot_look_is_told_but_is_no_fault()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        // No sshd binary where the config says: sshd -t cannot run, so config_valid cannot look; the rest can.
        string config = ExporterUnderTest.WriteConfig($"""
            modules:
              quick: {"{"}timeout: 2s{"}"}
            sidecar:
              sshd_config: {sshd.ConfigPath}
              local_probe_module: quick
              sshd_binary: /nonexistent/sshd
            """);

        var run = await DiagnoseAsync(config, "--output=json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(run.ExitCode == ExitCodes.Healthy, run.ToString());
        var configValid = json.RootElement.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("check").GetString() == "config_valid");
        Assert.False(configValid.GetProperty("looked").GetBoolean(), configValid.ToString());
        Assert.Equal("SshSidecarCheckFailing", json.RootElement.GetProperty("local_sshd").GetProperty("alert").GetString());
    }

    /// <summary>
    /// The prober's own host refuses every connect (<see cref="LocalConnectBlock"/>): the probe of the local sshd cannot
    /// be made, so nothing is known of it, while the checks that need no connect find sshd running. That is the
    /// prober's side (exit 3), not a fault of the server (1), and the loopback probe that could not look is no fault either.
    /// </summary>
    [Fact]
    public async Task A_probe_this_host_refuses_to_make_exits_3_as_the_probers_side()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        var command = await LocalConnectBlock.WrapAsync(ProbeCli.Executable, ["diagnose", "--config.file", ExporterUnderTest.WriteSidecarConfig(sshd.ConfigPath), "--output=json"], Token);

        var run = await ExternalCommand.RunAsync(command[0], command.Skip(1), TimeSpan.FromSeconds(60), Token);

        Assert.True(run.ExitCode == ExitCodes.LocalFailure, run.ToString());
        Assert.Contains($"nothing is known about localhost:{sshd.Port}: this is the prober's side, not the target's", run.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(ExitCodes.LocalFailure, json.RootElement.GetProperty("exit_code").GetInt32());
        var probe = json.RootElement.GetProperty("probe");
        Assert.Equal(JsonValueKind.Null, probe.GetProperty("outcome").ValueKind);
        Assert.Equal("blocked_locally", probe.GetProperty("local_failure").GetString());
        var service = json.RootElement.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("check").GetString() == "service");
        Assert.True(service.GetProperty("looked").GetBoolean(), service.ToString());
        Assert.Empty(service.GetProperty("alerts").EnumerateArray());
    }

    private static Task<ExternalCommand.Result> DiagnoseAsync(string config, params string[] more) =>
        ExternalCommand.RunAsync(ProbeCli.Executable, ["diagnose", "--config.file", config, .. more], TimeSpan.FromSeconds(30), Token);
}
