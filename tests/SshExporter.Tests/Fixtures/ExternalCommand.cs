using System.Diagnostics;

namespace SshExporter.Tests.Fixtures;

/// <summary>Runs a program to completion with its output captured; a run that outlives its time limit is killed.</summary>
public static class ExternalCommand
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Everything the program said, for assertion messages.</summary>
        public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>Runs <paramref name="file"/>, giving it <paramref name="input"/> on standard input and then end of file.</summary>
    public static async Task<Result> RunAsync(
        string file, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken, string input = "")
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(limit);
        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), timeLimit.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeLimit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds}s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and fails the test, showing the program's output, unless it exits 0; the limit is 10 s unless given.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        string[] args = [.. arguments];
        var result = await RunAsync(file, args, limit ?? DefaultLimit, cancellationToken);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"`{file} {string.Join(' ', args)}` failed: {result}");
        }

        return result.Stdout;
    }
}
