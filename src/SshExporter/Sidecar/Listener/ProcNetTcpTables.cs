namespace SshExporter.Sidecar.Listener;

/// <summary>Reads the listening sockets of one network namespace from its <c>tcp</c> and <c>tcp6</c> tables.</summary>
public static class ProcNetTcpTables
{
    /// <summary>
    /// The listening sockets in <c>NET/tcp</c> and <c>NET/tcp6</c> under the procfs root. Could not run when
    /// <c>tcp</c> is absent or either table is unreadable; a missing <c>tcp6</c> only means IPv6 is off.
    /// </summary>
    public static (CheckStatus Status, List<ListeningSocket> Sockets) Read(HostPaths paths, string netDirectory)
    {
        var sockets = new List<ListeningSocket>();
        string tcp = paths.Proc(Path.Join(netDirectory, "tcp"));
        string tcp6 = paths.Proc(Path.Join(netDirectory, "tcp6"));
        if (Load(tcp, sockets, out _) is { } tcpProblem)
        {
            return (CheckStatus.CouldNotRun(tcpProblem), []);
        }

        string? tcp6Problem = Load(tcp6, sockets, out bool tcp6Absent);
        if (tcp6Problem is not null && !tcp6Absent)
        {
            return (CheckStatus.CouldNotRun(tcp6Problem), []);
        }

        string tables = tcp6Absent ? $"{tcp} ({tcp6} is absent: IPv6 is off)" : $"{tcp} and {tcp6}";
        return (CheckStatus.Ran($"{sockets.Count} listening sockets in {tables}"), sockets);
    }

    /// <summary>Adds the table's listening sockets; the problem when it could not be read.</summary>
    private static string? Load(string path, List<ListeningSocket> sockets, out bool absent)
    {
        absent = false;
        try
        {
            using var reader = new StreamReader(path);
            sockets.AddRange(ProcNetTcpParser.ReadListening(reader));
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            absent = true;
            return $"{path} is absent: is the procfs root right?";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path} is unreadable: {e.Message}";
        }
    }
}
