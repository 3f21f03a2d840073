using System.ComponentModel;
using System.Diagnostics;

namespace SshExporter.Sidecar.Service;

/// <summary>Runs a tool directly (no shell, so arguments are never re-parsed) and kills it at the timeout.</summary>
public static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return CommandResult.Failed($"could not start {fileName}: {e.Message}");
        }

        // No tool we ask reads stdin; closing it keeps one that would from waiting for the timeout.
        process.StandardInput.Close();
        using var timeoutCts = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(linked.Token);
            Task<string> error = process.StandardError.ReadToEndAsync(linked.Token);
            await process.WaitForExitAsync(linked.Token);
            return new CommandResult(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            return CommandResult.Failed($"{fileName} did not finish within {timeout.TotalSeconds:0.###}s");
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }
}
