using SshExporter.Sidecar.Commands;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Commands;

/// <summary>The runner against real processes: exit codes, missing programs, the timeout, the output bound, the prefix.</summary>
public class ProcessCommandRunnerTests
{
    // Read per test: each test has its own token.
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ProcessCommandRunner Runner(TimeSpan? timeout = null, IReadOnlyList<string>? prefix = null, int maxOutputChars = ProcessCommandRunner.DefaultMaxOutputChars) =>
        new(TimeProvider.System, timeout ?? TimeSpan.FromSeconds(10), prefix, maxOutputChars);

    [Fact]
    public async Task Passes_arguments_one_by_one_without_a_shell()
    {
        Requires.Tool("printf");

        var result = await Runner().RunAsync("printf", ["%s|", "two words", "$HOME", "*"], Token);

        Assert.True(result.Succeeded);
        Assert.Equal("two words|$HOME|*|", result.StandardOutput);
    }

    [Fact]
    public async Task Reports_the_exit_code_and_standard_error()
    {
        Requires.Tool("ls");

        var result = await Runner().RunAsync("ls", ["/nonexistent-sshx-path"], Token);

        Assert.Equal(CommandStatus.Exited, result.Status);
        Assert.NotEqual(0, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.StartsWith($"ls exited {result.ExitCode}: ", result.Describe("ls"), StringComparison.Ordinal);
        Assert.Contains("cannot access", result.Describe("ls"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exit_code_comes_back()
    {
        Requires.Tool("false");

        var result = await Runner().RunAsync("false", [], Token);

        Assert.Equal(CommandStatus.Exited, result.Status);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_program_given_by_path_is_not_found()
    {
        var result = await Runner().RunAsync("/nonexistent/systemctl", ["is-active"], Token);

        Assert.Equal(CommandStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task A_missing_program_is_not_found()
    {
        var result = await Runner().RunAsync("sshx-no-such-tool", [], Token);

        Assert.Equal(CommandStatus.NotFound, result.Status);
        Assert.Equal("sshx-no-such-tool not found", result.Describe("sshx-no-such-tool"));
    }

    [Fact]
    public async Task Runs_in_the_C_locale()
    {
        Requires.Tool("env");

        var result = await Runner().RunAsync("env", [], Token);

        Assert.Contains("LC_ALL=C", result.StandardOutput.Split('\n'));
    }

    [Fact]
    public async Task Kills_a_program_that_outlives_the_timeout()
    {
        Requires.Tool("sleep");
        var started = TimeProvider.System.GetTimestamp();

        var result = await Runner(TimeSpan.FromMilliseconds(300)).RunAsync("sleep", ["30"], Token);

        Assert.Equal(CommandStatus.TimedOut, result.Status);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
        Assert.Equal("sleep did not finish in time (killed after 0.3s)", result.Describe("sleep"));
    }

    [Fact]
    public async Task A_child_that_keeps_the_pipes_open_does_not_hold_the_run_past_the_timeout()
    {
        Requires.Tool("sh");
        var started = TimeProvider.System.GetTimestamp();

        // sh exits at once; the sleep it left behind still holds both pipes for ten seconds.
        var result = await Runner(TimeSpan.FromMilliseconds(300)).RunAsync("sh", ["-c", "sleep 10 &"], Token);

        Assert.Equal(CommandStatus.TimedOut, result.Status);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_caller_s_cancellation_propagates()
    {
        Requires.Tool("sleep");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner().RunAsync("sleep", ["30"], cancel.Token));
    }

    [Fact]
    public async Task Keeps_at_most_the_output_bound_and_says_it_cut()
    {
        Requires.Tool("seq");

        var result = await Runner(maxOutputChars: 1000).RunAsync("seq", ["1", "100000"], Token);

        Assert.Equal(1000, result.StandardOutput.Length);
        Assert.True(result.OutputTruncated);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Puts_the_prefix_before_the_resolved_program()
    {
        Requires.Tool("env");

        var result = await Runner(prefix: ["env", "SSHX_PREFIXED=yes"]).RunAsync("env", [], Token);

        Assert.True(result.Succeeded);
        Assert.Contains("SSHX_PREFIXED=yes", result.StandardOutput.Split('\n'));
    }

    [Fact]
    public async Task A_missing_program_behind_a_prefix_is_still_not_found()
    {
        Requires.Tool("env");

        var result = await Runner(prefix: ["env"]).RunAsync("sshx-no-such-tool", [], Token);

        Assert.Equal(CommandStatus.NotFound, result.Status);
    }
}
