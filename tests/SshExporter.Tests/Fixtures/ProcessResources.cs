using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

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

    /// <summary>
    /// What the socket descriptors of process <paramref name="pid"/> are, counted by kind, for a failure's message:
    /// TCP by state and by the side the port names (the process's own listening port, else the remote port), then
    /// UDP, Unix and the sockets no table lists (a TCP socket never connected, or closed but not yet disposed).
    /// </summary>
    public static string SocketKinds(int pid)
    {
        var inodes = SocketInodes(pid);
        var kinds = new Dictionary<string, string>();
        var tcp = TcpTables.SelectMany(table => ReadTable(pid, table)).ToList();
        var listening = tcp.Where(c => c[3] == "0A" && inodes.Contains(c[9])).Select(c => Port(c[1])).ToHashSet();
        foreach (var columns in tcp.Where(c => inodes.Contains(c[9])))
        {
            string local = Port(columns[1]), remote = Port(columns[2]);
            kinds[columns[9]] = $"tcp {TcpState(columns[3])} " + (listening.Contains(local) ? $"on :{local}" : $"to :{remote}");
        }

        foreach (var table in new[] { "udp", "udp6" })
        {
            foreach (var columns in ReadTable(pid, table).Where(c => inodes.Contains(c[9])))
            {
                kinds.TryAdd(columns[9], "udp");
            }
        }

        foreach (var columns in ReadTable(pid, "unix").Where(c => c.Length > 6 && inodes.Contains(c[6])))
        {
            kinds.TryAdd(columns[6], "unix");
        }

        return string.Join(", ", inodes.Select(inode => kinds.GetValueOrDefault(inode, "in no table"))
            .GroupBy(kind => kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
    }

    /// <summary>Resident set size in bytes (<c>VmRSS</c> of <c>/proc/PID/status</c>).</summary>
    public static long ResidentBytes(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// The descriptors of process <paramref name="pid"/> that are TCP sockets connected to <paramref name="remotePort"/>
    /// and stayed open while they were counted: the sockets <c>ss</c> lists to that port in the process's network
    /// namespace (filtered in the kernel, without the thousands of TIME-WAIT entries a load leaves behind) whose inodes
    /// <c>/proc/PID/fd</c> held both before and after. No such count is atomic; counted this way, every socket counted
    /// was open at one and the same moment, so the count never exceeds what the process really held at once.
    /// </summary>
    public static int SocketsTo(int pid, int remotePort)
    {
        var before = SocketInodes(pid);
        var listed = ConnectedSocketInodes(pid, remotePort);
        listed.IntersectWith(before);
        listed.IntersectWith(SocketInodes(pid));
        return listed.Count;
    }

    /// <summary>Inodes of the TCP sockets to <paramref name="remotePort"/> in this network namespace, which <paramref name="pid"/> must share, but those in TIME-WAIT (which have none).</summary>
    private static HashSet<string> ConnectedSocketInodes(int pid, int remotePort)
    {
        Assert.True(new FileInfo($"/proc/{pid}/ns/net").LinkTarget == new FileInfo("/proc/self/ns/net").LinkTarget,
            $"process {pid} runs in another network namespace, whose sockets ss here does not list");
        var start = new ProcessStartInfo(Requires.Tool("ss"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-tnHe", "exclude", "time-wait", "dport", "=", $":{remotePort}" },
        };
        using var ss = Process.Start(start)!;
        var error = ss.StandardError.ReadToEndAsync();
        string output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        Assert.True(ss.ExitCode == 0, $"ss failed ({ss.ExitCode}): {error.Result}");
        return [.. Regex.Matches(output, @"\bino:(\d+)").Select(match => match.Groups[1].Value).Where(inode => inode != "0")];
    }

    private static HashSet<string> SocketInodes(int pid)
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

        return inodes;
    }

    private static IEnumerable<string[]> ReadTable(int pid, string table) =>
        File.ReadLines($"/proc/{pid}/net/{table}").Skip(1).Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The port of a <c>/proc/net/tcp</c> address (<c>0100007F:1F90</c>), in decimal.</summary>
    private static string Port(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary>The kernel's TCP state numbers (include/net/tcp_states.h), as <c>ss</c> names them.</summary>
    private static string TcpState(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) switch
    {
        1 => "ESTAB", 2 => "SYN-SENT", 3 => "SYN-RECV", 4 => "FIN-WAIT-1", 5 => "FIN-WAIT-2", 6 => "TIME-WAIT",
        7 => "CLOSE", 8 => "CLOSE-WAIT", 9 => "LAST-ACK", 10 => "LISTEN", 11 => "CLOSING", int state => $"state {state}",
    };
}
