using System.Text;
using System.Text.RegularExpressions;
using SshExporter.Sidecar.Commands;
using SshExporter.Sidecar.Service;

namespace SshExporter.Sidecar;

/// <summary>
/// The last lines sshd logged (runbook step 5), for people: the journal where systemd runs, else the
/// auth log. Never a metric label. Bounded in lines, bytes and time.
/// </summary>
public static partial class SshdLogExcerpt
{
    // The syslog program tag: "sshd[123]:", "sshd:", or OpenSSH 9.8's per-connection "sshd-session[123]:".
    [GeneratedRegex(@" sshd(-session)?(\[\d+\])?: ", RegexOptions.CultureInvariant)]
    private static partial Regex SshdTag();

    public const int MaxLines = 20;
    private const int TailBytes = 64 * 1024;
    private static readonly string[] AuthLogs = ["/var/log/auth.log", "/var/log/secure"];

    public static async Task<string> ReadAsync(SidecarSettings settings, ICommandRunner runner, CancellationToken cancellationToken)
    {
        var paths = settings.Paths;
        if (SystemdProbe.IsPresent(paths))
        {
            // In a container that sees the host under a rootfs, the host's journal is there, not in our own.
            string[] journalDirectory = paths.RootFs is "/" or "" ? [] : [$"--directory={paths.Resolve("/var/log/journal")}"];
            var journal = await runner.RunAsync(
                "journalctl", [.. journalDirectory, .. settings.SystemdUnits.SelectMany(u => new[] { "-u", u }), "-n", $"{MaxLines}", "--no-pager", "-o", "short-iso"], cancellationToken);
            // No journalctl here, it failed, or it has nothing: fall through to the files.
            if (journal is { Status: CommandStatus.Exited, ExitCode: 0 }
                && journal.StandardOutput.Trim().Length > 0 && !journal.StandardOutput.TrimStart().StartsWith("-- No entries --", StringComparison.Ordinal))
            {
                return journal.StandardOutput;
            }
        }

        foreach (string log in AuthLogs)
        {
            string local = paths.Resolve(log);
            if (File.Exists(local))
            {
                return TailSshdLines(local);
            }
        }

        return "(no journal and no auth log found)\n";
    }

    private static string TailSshdLines(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(Math.Max(0, file.Length - TailBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(file, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n').Where(l => SshdTag().IsMatch(l)).TakeLast(MaxLines);
            return string.Join('\n', lines) + "\n";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(cannot read {path}: {e.Message})\n";
        }
    }
}
