namespace SshExporter.Sidecar;

/// <summary>
/// Maps the SSH server host's absolute paths into this process's view. On the host itself the root is "/";
/// in a container that mounts the host's filesystem read-only at /host, it is "/host", so "/etc/ssh/sshd_config"
/// is read from "/host/etc/ssh/sshd_config". The procfs root is separate because /proc is often mounted apart.
/// </summary>
public sealed record HostPaths(string RootFs = "/", string ProcRoot = "/proc")
{
    /// <summary>The local path of the host's absolute path <paramref name="hostPath"/>.</summary>
    public string Resolve(string hostPath)
    {
        if (RootFs is "/" or "")
        {
            return hostPath;
        }

        return Path.Join(RootFs, hostPath.TrimStart('/'));
    }

    /// <summary>The local path of <c>/proc/<paramref name="relative"/></c> on the host.</summary>
    public string Proc(string relative) => Path.Join(ProcRoot, relative.TrimStart('/'));
}
