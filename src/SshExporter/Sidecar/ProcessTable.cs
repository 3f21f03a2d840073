using System.Globalization;
using System.Text;

namespace SshExporter.Sidecar;

/// <summary>
/// Reads processes from a procfs root. Every read tolerates the process exiting in between (null, never an
/// exception), because /proc changes under the reader.
/// </summary>
public static class ProcessTable
{
    // comm is at most 16 bytes; a command line can be megabytes, but its first words are enough.
    private const int MaxCommBytes = 64;
    private const int MaxCommandLineBytes = 4096;

    /// <summary>Whether <paramref name="paths"/> points at a procfs: every pid namespace has a process 1.</summary>
    public static bool IsReadable(HostPaths paths) => Directory.Exists(paths.Proc("1"));

    /// <summary>
    /// The pids under the procfs root, lowest first, so a bounded scan looks at the long-lived daemons (sshd
    /// among them) before the churn of short-lived processes.
    /// </summary>
    public static List<int> EnumeratePids(HostPaths paths)
    {
        var pids = new List<int>();
        try
        {
            foreach (string entry in Directory.EnumerateDirectories(paths.ProcRoot))
            {
                if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0)
                {
                    pids.Add(pid);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No procfs there: no processes.
        }

        pids.Sort();
        return pids;
    }

    /// <summary><c>/proc/PID/comm</c> without its newline, or null when the process is gone or unreadable.</summary>
    public static string? ReadComm(HostPaths paths, int pid) =>
        ReadHead(paths.Proc($"{pid}/comm"), MaxCommBytes)?.TrimEnd('\n');

    /// <summary>The arguments of <c>/proc/PID/cmdline</c> (NUL-separated), or null when gone or unreadable.</summary>
    public static IReadOnlyList<string>? ReadCommandLine(HostPaths paths, int pid) =>
        ReadHead(paths.Proc($"{pid}/cmdline"), MaxCommandLineBytes)?.Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first <paramref name="maxBytes"/> bytes of a file as UTF-8, or null when it cannot be read.</summary>
    internal static string? ReadHead(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            byte[] buffer = new byte[maxBytes];
            int total = 0;
            int read;
            // procfs files report size 0; read until the end or the cap.
            while (total < maxBytes && (read = stream.Read(buffer, total, maxBytes - total)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
