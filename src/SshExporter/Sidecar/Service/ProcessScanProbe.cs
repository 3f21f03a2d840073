namespace SshExporter.Sidecar.Service;

/// <summary>
/// The last resort, with neither systemd nor a PidFile (<c>PidFile none</c>, or a pod sidecar that cannot see
/// sshd's /run): a bounded scan of /proc for a listening sshd. It needs sshd's pid namespace under the procfs
/// root (the host's /proc, or <c>shareProcessNamespace</c> in a pod).
/// </summary>
public static class ProcessScanProbe
{
    public static ServiceReport Scan(HostPaths paths, int maxProcesses)
    {
        if (!ProcessTable.IsReadable(paths))
        {
            return ServiceReport.CouldNotRun(ServiceMethod.ProcessScan, $"{paths.ProcRoot} is not a procfs");
        }

        var listeners = new List<int>();
        int scanned = 0;
        foreach (int pid in ProcessTable.EnumeratePids(paths))
        {
            if (scanned >= maxProcesses)
            {
                // Nothing found so far says nothing about the rest.
                return listeners.Count > 0
                    ? Found(listeners)
                    : ServiceReport.CouldNotRun(ServiceMethod.ProcessScan, $"no sshd listener among the first {scanned} processes; gave up there");
            }

            scanned++;
            if (ProcessTable.ReadComm(paths, pid) == "sshd" && SshdProcess.IsListener(ProcessTable.ReadCommandLine(paths, pid)))
            {
                listeners.Add(pid);
            }
        }

        return listeners.Count > 0
            ? Found(listeners)
            : ServiceReport.NotRunning(ServiceMethod.ProcessScan, $"no pid file to ask, and none of {scanned} processes is a listening sshd");
    }

    private static ServiceReport Found(List<int> listeners) =>
        ServiceReport.Running(ServiceMethod.ProcessScan, $"no pid file to ask; a listening sshd runs as pid {string.Join(", ", listeners)}");
}
