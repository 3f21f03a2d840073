using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SshExporter.Sidecar.Commands;

/// <summary>
/// Runs a program without a shell (arguments passed one by one), in the C locale, with a timeout and a bound on
/// what it may print. The program is looked up on PATH and then in the sbin directories, because sshd and the
/// firewall tools live in /usr/sbin, which a service account's PATH often lacks.
/// </summary>
/// <param name="time">Clock for the timeout.</param>
/// <param name="timeout">How long one command may run before it is killed.</param>
/// <param name="prefix">
/// Words put before the resolved program, e.g. <c>["ip", "netns", "exec", "NS"]</c>. The program itself is still
/// resolved here, so a missing tool reads as <see cref="CommandStatus.NotFound"/> rather than as the prefix's failure.
/// </param>
/// <param name="maxOutputChars">The most characters kept from standard output; the rest is read and discarded.</param>
public sealed class ProcessCommandRunner(
    TimeProvider time,
    TimeSpan timeout,
    IReadOnlyList<string>? prefix = null,
    int maxOutputChars = ProcessCommandRunner.DefaultMaxOutputChars) : ICommandRunner
{
    /// <summary>Generous: a host with thousands of fail2ban or ipset-free rules prints a few megabytes.</summary>
    public const int DefaultMaxOutputChars = 32 * 1024 * 1024;

    /// <summary>Only the first lines of standard error are ever shown.</summary>
    public const int MaxErrorChars = 64 * 1024;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the pipes may stay open after the program was killed.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(1);

    private static readonly string[] s_fallbackDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        string? resolved = Resolve(program);
        if (resolved is null)
        {
            return new CommandResult(CommandStatus.NotFound, -1, "", "");
        }

        var words = new List<string>();
        if (prefix is { Count: > 0 })
        {
            words.Add(Resolve(prefix[0]) ?? prefix[0]);
            words.AddRange(prefix.Skip(1));
            words.Add(resolved);
        }
        else
        {
            words.Add(resolved);
        }

        words.AddRange(arguments);
        var startInfo = new ProcessStartInfo(words[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string word in words.Skip(1))
        {
            startInfo.ArgumentList.Add(word);
        }

        // Tools translate their messages; the parsers read the C locale's words.
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new CommandResult(CommandStatus.StartFailed, -1, "", "", Error: e.Message);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // Reads from a pipe do not stop on a token; killing the process closes its end, which ends the reads.
        await using var registration = linked.Token.Register(() => Kill(process));

        var stdout = ReadBoundedAsync(process.StandardOutput, maxOutputChars);
        var stderr = ReadBoundedAsync(process.StandardError, MaxErrorChars);
        bool drained = await DrainAsync(Task.WhenAll(stdout, stderr), linked.Token);
        var (output, outputTruncated) = drained ? await stdout : ("", false);
        var (error, _) = drained ? await stderr : ("", false);
        await process.WaitForExitAsync(CancellationToken.None);

        cancellationToken.ThrowIfCancellationRequested();
        if (deadline.IsCancellationRequested)
        {
            return new CommandResult(CommandStatus.TimedOut, -1, output, error, outputTruncated, $"killed after {timeout.TotalSeconds:0.###}s");
        }

        return new CommandResult(CommandStatus.Exited, process.ExitCode, output, error, outputTruncated);
    }

    /// <summary>The full path of <paramref name="program"/>, or null when it is not installed.</summary>
    public static string? Resolve(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(s_fallbackDirectories)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Waits for both streams to end. Once <paramref name="stop"/> fires (and the program is killed) it waits only a
    /// moment more: a child the program started may still hold the pipes, and must not hold the run past the deadline.
    /// </summary>
    /// <returns>Whether the streams ended; if not, their output is not wanted.</returns>
    private async Task<bool> DrainAsync(Task reads, CancellationToken stop)
    {
        try
        {
            await reads.WaitAsync(stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            // Killed: the pipes close with the program unless something it started still holds them.
        }

        try
        {
            await reads.WaitAsync(KillGrace, time, CancellationToken.None);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<(string Text, bool Truncated)> ReadBoundedAsync(StreamReader reader, int maxChars)
    {
        var text = new StringBuilder();
        bool truncated = false;
        var buffer = new char[16 * 1024];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
            {
                int keep = Math.Min(read, maxChars - text.Length);
                if (keep > 0)
                {
                    text.Append(buffer, 0, keep);
                }

                truncated |= keep < read;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process (a run given up on); what was read so far is all there is.
        }

        return (text.ToString(), truncated);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting while we tried; nothing left to stop.
        }
    }
}
