using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar;

/// <summary>
/// The <c>sidecar:</c> section: where to look for sshd on the host this exporter runs beside.
/// Paths are the host's own; <see cref="RootFs"/> and <see cref="ProcFs"/> say where this process sees them.
/// </summary>
public sealed record SidecarSettings
{
    public static readonly SidecarSettings Disabled = new();

    public bool Enabled { get; init; }

    public string SshdConfig { get; init; } = SshdDefaults.ConfigPath;

    /// <summary>The sshd to run <c>sshd -t</c> with, in this process's view.</summary>
    public string SshdBinary { get; init; } = SshdDefaults.Binary;

    public string RootFs { get; init; } = "/";

    public string ProcFs { get; init; } = "/proc";

    /// <summary>The systemd unit of sshd; empty means ssh.service (Debian, Ubuntu), then sshd.service.</summary>
    public string SystemdUnit { get; init; } = "";

    /// <summary>The systemd units to ask about sshd, in order.</summary>
    public IReadOnlyList<string> SystemdUnits => SystemdUnit.Length > 0 ? [SystemdUnit] : SshdDefaults.SystemdUnits;

    /// <summary>Ports to check besides those sshd_config names.</summary>
    public IReadOnlyList<int> ExtraPorts { get; init; } = [];

    /// <summary>The module the loopback probe of each configured port runs with (the runbook's "test locally first").</summary>
    public string LocalProbeModule { get; init; } = Config.ExporterConfig.DefaultModuleName;

    /// <summary>
    /// Whether <c>/</c> and <c>/sidecar</c> show sshd's last log lines. Off by default: they hold user names, client
    /// addresses and key fingerprints, and the pages answer anyone who reaches the port.
    /// </summary>
    public bool ShowSshdLog { get; init; }

    public HostPaths Paths => new(RootFs, ProcFs);
}
