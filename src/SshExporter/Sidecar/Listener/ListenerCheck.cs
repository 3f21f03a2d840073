namespace SshExporter.Sidecar.Listener;

/// <summary>
/// Runbook step 4, "is sshd listening?" (<c>ss -tlnp</c>): the sockets in LISTEN on the watched ports, their
/// addresses and, where /proc lets us look, the process that owns each one.
/// </summary>
public sealed class ListenerCheck(HostPaths paths, ListenerCheckOptions? options = null)
{
    private readonly ListenerCheckOptions _options = options ?? new ListenerCheckOptions();

    public ListenerReport Run(IEnumerable<int> ports)
    {
        (CheckStatus status, List<ListeningSocket> sockets) = ProcNetTcpTables.Read(paths, _options.NetDirectory);
        if (!status.CouldRun)
        {
            return new ListenerReport(status, [], []);
        }

        int[] watched = [.. ports.Distinct()];
        string detail = status.Detail;
        if (_options.ResolveOwners)
        {
            HashSet<ulong> inodes = [.. sockets.Where(s => watched.Contains(s.Port)).Select(s => s.Inode)];
            OwnerScan scan = SocketOwnerResolver.Find(paths, inodes, _options.MaxProcessesScanned, _options.MaxDescriptorsScanned);
            sockets = [.. sockets.Select(s => scan.Owners.TryGetValue(s.Inode, out SocketOwner? owner) ? s with { Owner = owner } : s)];
            detail += OwnerSummary(inodes.Count, scan);
        }

        PortListeners[] perPort = [.. watched.Select(port => new PortListeners(port, [.. sockets.Where(s => s.Port == port)]))];
        return new ListenerReport(CheckStatus.Ran(detail), sockets, perPort);
    }

    private static string OwnerSummary(int wanted, OwnerScan scan)
    {
        if (wanted == 0)
        {
            return "";
        }

        string summary = $"; owners named for {scan.Owners.Count} of {wanted} sockets on watched ports";
        if (scan.ProcessesDenied > 0)
        {
            summary += $" ({scan.ProcessesDenied} processes' descriptors not readable)";
        }

        if (scan.LimitReached)
        {
            summary += $" (gave up after {scan.ProcessesScanned} processes)";
        }

        return summary;
    }
}
