using System.Diagnostics;

namespace SshExporter.Tests.Fixtures;

/// <summary>Runs a program to completion with its output captured; a run that outlives its time limit is killed.</summary>
public static class ExternalCommand
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Everything the program said, for assertion messages.</summary>
        public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken)
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
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeLimit.CancelAfter(limit);
        try
        {
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

    /// <summary>Runs and fails the test, showing the program's output, unless it exits 0.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        string[] args = [.. arguments];
        var result = await RunAsync(file, args, TimeSpan.FromSeconds(10), cancellationToken);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"`{file} {string.Join(' ', args)}` failed: {result}");
        }

        return result.Stdout;
    }
}
