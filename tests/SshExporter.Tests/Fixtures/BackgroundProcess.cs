using System.Diagnostics;
using System.Text;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// A long-running program the test starts (a server, a relay), with everything it prints kept for assertion
/// messages. Disposing kills it and its children by its pid, so a failing test leaves nothing behind.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    /// <summary>How long a killed program may take to be gone, its output read to the end.</summary>
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundProcess(Process process, IReadOnlyList<string> command)
    {
        _process = process;
        CommandLine = string.Join(' ', command);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The command it runs, for messages.</summary>
    public string CommandLine { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What it printed so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> (the program, then its arguments), such as one wrapped in <c>ip netns exec</c>.</summary>
    public static BackgroundProcess Start(IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        return new BackgroundProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}"), command);
    }

    /// <summary>
    /// Waits for it to exit by itself and for its output to be read to the end (which a child that inherited
    /// the output can hold up); throws, with what it printed, when that takes longer than <paramref name="limit"/>.
    /// </summary>
    public async Task WaitForExitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(limit);
        try
        {
            await _process.WaitForExitAsync(timeLimit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"`{CommandLine}` (pid {Id}) {(HasExited ? "exited, but its output did not end" : "did not exit")} within {limit.TotalSeconds}s:\n{Output}");
        }
    }

    /// <summary>
    /// Asks <paramref name="ready"/> again and again until it holds (true) or the program exits first (false);
    /// fails the test when neither happens within <paramref name="limit"/>, with <paramref name="diagnostics"/>
    /// (by default what the program printed).
    /// </summary>
    public async Task<bool> WaitUntilReadyAsync(
        Func<Task<bool>> ready, TimeSpan limit, CancellationToken cancellationToken, Func<string>? diagnostics = null, TimeSpan? interval = null)
    {
        bool isReady = false;
        if (!await Poll.UntilAsync(async () => HasExited || (isReady = await ready()), limit, cancellationToken, interval))
        {
            Assert.Fail($"`{CommandLine}` was not ready within {limit.TotalSeconds}s:\n{(diagnostics ?? (() => Output))()}");
        }

        return isReady;
    }

    /// <summary>Kills it and its children (SIGKILL) unless it has exited, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(KillLimit, CancellationToken.None);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
