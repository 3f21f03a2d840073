using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SshExporter.Sidecar.SshdConfig;

/// <summary>How a bounded run ended. Exit code and output are only meaningful when it did not time out.</summary>
internal sealed record BoundedProcessResult(bool TimedOut, int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs a program directly (no shell, arguments passed as a list) with a deadline, keeping at most a fixed
/// amount of its output while still draining the rest so the child never blocks on a full pipe.
/// </summary>
internal static class BoundedProcess
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(1);

    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static async Task<BoundedProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, TimeProvider time, int maxOutputChars, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        var standardOutput = ReadBoundedAsync(process.StandardOutput, maxOutputChars);
        var standardError = ReadBoundedAsync(process.StandardError, maxOutputChars);

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
            // A grandchild that kept the pipes open must not hold us past the deadline either.
            await Task.WhenAll(standardOutput, standardError).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            // The pipes close with the process; let the readers finish before the process object goes away.
            try
            {
                await Task.WhenAll(standardOutput, standardError).WaitAsync(KillGrace, time, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // Something the child started still holds the pipes; their output is not wanted.
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new BoundedProcessResult(true, -1, "", "");
        }

        return new BoundedProcessResult(false, process.ExitCode, await standardOutput, await standardError);
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, int maxChars)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                int take = Math.Min(read, maxChars - kept.Length);
                if (take > 0)
                {
                    kept.Append(buffer, 0, take);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke (the child was killed); what was read so far is all there is.
        }

        return kept.ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It exited on its own in the meantime.
        }
    }
}
