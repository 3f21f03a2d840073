using System.Globalization;

namespace SshExporter.Sidecar.Listener;

/// <summary>
/// Names the processes holding given socket inodes, the way <c>ss -p</c> does: every <c>/proc/PID/fd/N</c> of a
/// socket is a symlink to <c>socket:[INODE]</c>. The work is bounded (processes and descriptors looked at) and
/// stops as soon as every inode has an owner.
/// </summary>
public static class SocketOwnerResolver
{
    private const string SocketPrefix = "socket:[";

    public static OwnerScan Find(HostPaths paths, IReadOnlySet<ulong> inodes, int maxProcesses, int maxDescriptors)
    {
        var owners = new Dictionary<ulong, SocketOwner>();
        int processes = 0;
        int denied = 0;
        int descriptors = 0;
        bool limitReached = false;
        if (inodes.Count == 0)
        {
            return new OwnerScan(owners, 0, 0, false);
        }

        foreach (int pid in ProcessTable.EnumeratePids(paths))
        {
            if (processes >= maxProcesses || descriptors >= maxDescriptors)
            {
                limitReached = true;
                break;
            }

            processes++;
            int? looked = ScanProcess(paths, pid, inodes, owners, maxDescriptors - descriptors);
            if (looked is null)
            {
                denied++;
            }
            else
            {
                descriptors += looked.Value;
            }

            if (owners.Count == inodes.Count)
            {
                break;
            }
        }

        return new OwnerScan(owners, processes, denied, limitReached);
    }

    /// <summary>Looks at one process's descriptors: how many, or null when they may not be read.</summary>
    private static int? ScanProcess(
        HostPaths paths, int pid, IReadOnlySet<ulong> inodes, Dictionary<ulong, SocketOwner> owners, int budget)
    {
        int looked = 0;
        try
        {
            foreach (string fd in Directory.EnumerateFileSystemEntries(paths.Proc($"{pid}/fd")))
            {
                if (looked++ >= budget)
                {
                    break;
                }

                if (TryReadSocketInode(fd, out ulong inode) && inodes.Contains(inode) && !owners.ContainsKey(inode))
                {
                    owners[inode] = new SocketOwner(pid, ProcessTable.ReadComm(paths, pid) ?? "");
                }
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's process while not root (or without CAP_SYS_PTRACE): its owner stays unknown.
            return null;
        }
        catch (IOException)
        {
            // The process exited while we looked.
        }

        return looked;
    }

    private static bool TryReadSocketInode(string fdPath, out ulong inode)
    {
        inode = 0;
        string? target;
        try
        {
            target = new FileInfo(fdPath).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return target is not null
            && target.StartsWith(SocketPrefix, StringComparison.Ordinal)
            && target.EndsWith(']')
            && ulong.TryParse(target.AsSpan(SocketPrefix.Length, target.Length - SocketPrefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }
}
