namespace SshExporter.Sidecar.Service;

/// <summary>How the service check decided whether sshd runs.</summary>
public enum ServiceMethod
{
    /// <summary>systemd says the sshd service unit is (or is not) active.</summary>
    Systemd,

    /// <summary>The service unit is inactive but its socket unit listens: socket activation (Ubuntu 22.10+).</summary>
    SystemdSocket,

    /// <summary>The pid in sshd's PidFile is (or is not) a live sshd.</summary>
    PidFile,

    /// <summary>No systemd and no PidFile: a bounded scan of /proc for an sshd listener process.</summary>
    ProcessScan,
}

public static class ServiceMethodExtensions
{
    /// <summary>The stable name for logs, debug output and the landing page.</summary>
    public static string ToLabel(this ServiceMethod method) => method switch
    {
        ServiceMethod.Systemd => "systemd",
        ServiceMethod.SystemdSocket => "systemd-socket",
        ServiceMethod.PidFile => "pidfile",
        ServiceMethod.ProcessScan => "process-scan",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
