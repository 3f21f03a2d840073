namespace SshExporter.Config;

/// <summary>The <c>sidecar:</c> section as written in YAML; see <see cref="Sidecar.SidecarSettings"/>.</summary>
internal sealed class SidecarModel
{
    public bool? Enabled { get; set; }

    public string? SshdConfig { get; set; }

    public string? SshdBinary { get; set; }

    public string? Rootfs { get; set; }

    public string? Procfs { get; set; }

    public string? SystemdUnit { get; set; }

    public List<int>? ExtraPorts { get; set; }

    public string? LocalProbeModule { get; set; }

    public bool? ShowSshdLog { get; set; }
}
