using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar.Service;

/// <summary>What the service check asks about. Host paths are resolved under <see cref="HostPaths"/>.</summary>
public sealed record ServiceCheckOptions
{
    /// <summary>
    /// The systemd service units to ask, in order: <c>ssh.service</c> on Debian/Ubuntu, <c>sshd.service</c>
    /// elsewhere. Each one's <c>.socket</c> twin is asked too, since socket activation counts as running.
    /// </summary>
    public IReadOnlyList<string> Units { get; init; } = SshdDefaults.SystemdUnits;

    /// <summary>
    /// sshd's <c>PidFile</c> as a host path, or null for <c>PidFile none</c> (then a process scan decides). The
    /// pid in it is looked up under the procfs root, which must therefore show sshd's pid namespace.
    /// </summary>
    public string? PidFile { get; init; } = SshdDefaults.PidFile;

    /// <summary>The process scan gives up after this many processes, so a huge host cannot stall a scrape.</summary>
    public int MaxProcessesScanned { get; init; } = 4096;
}
