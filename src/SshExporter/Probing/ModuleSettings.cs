using SshExporter.Probing.HostKey;
using SshExporter.Probing.Restriction;

namespace SshExporter.Probing;

public enum IpProtocol
{
    Ip4,
    Ip6,
}

/// <summary>How to probe: one named module of the config file. Defaults are the embedded default module's.</summary>
public sealed record ModuleSettings
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>No probe waits longer than this, whatever a module or a scrape header says.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public IpProtocol PreferredIpProtocol { get; init; } = IpProtocol.Ip4;

    /// <summary>When the name has no address of the preferred family, use the other one.</summary>
    public bool IpProtocolFallback { get; init; } = true;

    /// <summary>
    /// Read the KEXINIT that sshd sends after the identification exchange. On by default: the prober already waits
    /// for it before closing, so reading it costs the server nothing and adds no line to its log.
    /// </summary>
    public bool ReadKexinit { get; init; } = true;

    /// <summary>The host key stage (the <c>host_key:</c> section); null when the module has none.</summary>
    public HostKeySettings? HostKey { get; init; }

    /// <summary>Which targets a client may have this module probe (<c>allowed_targets:</c>); null allows any.</summary>
    public AllowedTargets? AllowedTargets { get; init; }
}
