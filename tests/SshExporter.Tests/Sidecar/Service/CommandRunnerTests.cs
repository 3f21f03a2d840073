using System.Diagnostics;
using SshExporter.Sidecar.Service;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Service;

public class CommandRunnerTests
{
    [Fact]
    public async Task Arguments_reach_the_tool_verbatim_with_no_shell_between()
    {
        string echo = Requires.Tool("echo");

        CommandResult result = await CommandRunner.RunAsync(
            echo, ["a b", "$HOME", "*", "; true"], TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.True(result.Completed, result.Failure);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a b $HOME * ; true\n", result.StandardOutput);
    }

    [Fact]
    public async Task The_exit_code_comes_back()
    {
        string falseTool = Requires.Tool("false");

        CommandResult result = await CommandRunner.RunAsync(falseTool, [], TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_tool_is_a_failure_to_run_not_an_exception()
    {
        CommandResult result = await CommandRunner.RunAsync(
            "/nonexistent/systemctl", ["is-active"], TimeSpan.FromSeconds(10), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.False(result.Completed);
        Assert.StartsWith("could not start /nonexistent/systemctl", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_outlives_its_timeout_is_killed()
    {
        string sleep = Requires.Tool("sleep");
        var clock = Stopwatch.StartNew();

        CommandResult result = await CommandRunner.RunAsync(
            sleep, ["30"], TimeSpan.FromMilliseconds(300), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.False(result.Completed);
        Assert.Contains("did not finish within 0.3s", result.Failure, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_a_timeout()
    {
        string sleep = Requires.Tool("sleep");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CommandRunner.RunAsync(sleep, ["30"], TimeSpan.FromSeconds(30), TimeProvider.System, cancel.Token));
    }
}
