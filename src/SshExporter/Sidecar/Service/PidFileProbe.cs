using System.Globalization;
using System.Text;

namespace SshExporter.Sidecar.Service;

/// <summary>
/// Without systemd: sshd writes its pid to its PidFile when it starts and removes it when it stops. The file
/// must name a live sshd; an absent file means sshd is not running, which is a finding, not a failure to look.
/// </summary>
public static class PidFileProbe
{
    private const int MaxPidFileBytes = 64;

    public static ServiceReport Check(HostPaths paths, string pidFile)
    {
        string local = paths.Resolve(pidFile);
        string text;
        try
        {
            text = ReadHead(local);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ServiceReport.NotRunning(ServiceMethod.PidFile, $"pid file {pidFile} is absent: sshd is not running");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ServiceReport.CouldNotRun(ServiceMethod.PidFile, $"pid file {local} is unreadable: {e.Message}");
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 0)
        {
            return ServiceReport.NotRunning(ServiceMethod.PidFile, $"stale pid file: {pidFile} holds no pid");
        }

        if (!ProcessTable.IsReadable(paths))
        {
            return ServiceReport.CouldNotRun(ServiceMethod.PidFile, $"cannot look up pid {pid}: {paths.ProcRoot} is not a procfs");
        }

        string? comm = ProcessTable.ReadComm(paths, pid);
        if (comm is null)
        {
            return ServiceReport.NotRunning(ServiceMethod.PidFile, $"stale pid file: {pidFile} names pid {pid}, which is gone");
        }

        if (SshdProcess.IsSshd(comm, ProcessTable.ReadCommandLine(paths, pid)))
        {
            return ServiceReport.Running(ServiceMethod.PidFile, $"{pidFile} names pid {pid}, which is sshd");
        }

        return ServiceReport.NotRunning(ServiceMethod.PidFile, $"stale pid file: {pidFile} names pid {pid}, which is '{comm}', not sshd");
    }

    private static string ReadHead(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        byte[] buffer = new byte[MaxPidFileBytes];
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
