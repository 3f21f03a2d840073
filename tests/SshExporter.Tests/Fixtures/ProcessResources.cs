using System.Globalization;

namespace SshExporter.Tests.Fixtures;

/// <summary>What a running process holds, read from <c>/proc</c>: its descriptors, its TCP sockets to a port, its resident memory.</summary>
public static class ProcessResources
{
    private static readonly string[] TcpTables = ["tcp", "tcp6"];

    /// <summary>Open descriptors of process <paramref name="pid"/> (<c>/proc/PID/fd</c>).</summary>
    public static int Descriptors(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    /// <summary>What the descriptors of process <paramref name="pid"/> are, counted by kind ("socket", "anon_inode:[eventfd]", a path's folder), for a failure's message.</summary>
    public static string DescriptorKinds(int pid) => string.Join(", ",
        Directory.GetFiles($"/proc/{pid}/fd")
            .Select(fd => { try { return new FileInfo(fd).LinkTarget ?? "?"; } catch (IOException) { return "gone"; } })
            .Select(target => target.StartsWith("socket:", StringComparison.Ordinal) ? "socket" : target.StartsWith('/') ? Path.GetDirectoryName(target) ?? target : target)
            .GroupBy(kind => kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));

    /// <summary>Resident set size in bytes (<c>VmRSS</c> of <c>/proc/PID/status</c>).</summary>
    public static long ResidentBytes(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// The descriptors of process <paramref name="pid"/> that are TCP sockets connected to <paramref name="remotePort"/>:
    /// the socket inodes of <c>/proc/PID/fd</c> that <c>/proc/PID/net/tcp</c> and <c>tcp6</c> list with that remote port.
    /// </summary>
    public static int SocketsTo(int pid, int remotePort)
    {
        var inodes = new HashSet<string>();
        foreach (string fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            try
            {
                if (File.ResolveLinkTarget(fd, returnFinalTarget: false)?.FullName is { } target && target.Contains("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target[(target.IndexOf('[') + 1)..^1]);
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        string port = remotePort.ToString("X4", CultureInfo.InvariantCulture);
        return TcpTables
            .SelectMany(table => File.ReadLines($"/proc/{pid}/net/{table}").Skip(1))
            .Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(columns => columns[2].EndsWith(":" + port, StringComparison.Ordinal) && inodes.Contains(columns[9]));
    }
}
