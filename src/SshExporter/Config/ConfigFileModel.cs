using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using YamlDotNet.Serialization;

namespace SshExporter.Config;

// The YAML file as written. YamlDotNet fills these; ConfigLoader validates them into an ExporterConfig.
// Typed properties let the scalar converters report a bad value with its line and column.

internal sealed class ConfigFileModel
{
    public Dictionary<string, ModuleModel?>? Modules { get; set; }

    /// <summary>The targets; <see cref="TargetsGiven"/> tells "targets:" with no value (a file cut short) from no key at all.</summary>
    public List<TargetModel?>? Targets
    {
        get;
        set
        {
            field = value;
            TargetsGiven = true;
        }
    }

    [YamlIgnore]
    public bool TargetsGiven { get; private set; }

    public SidecarModel? Sidecar { get; set; }
}

internal sealed class ModuleModel
{
    public TimeSpan? Timeout { get; set; }

    public IpProtocol? PreferredIpProtocol { get; set; }

    public bool? IpProtocolFallback { get; set; }

    public bool? ReadKexinit { get; set; }

    /// <summary>The host key stage; <see cref="HostKeyGiven"/> tells "host_key:" with no value from no key at all.</summary>
    public HostKeyModel? HostKey
    {
        get;
        set
        {
            field = value;
            HostKeyGiven = true;
        }
    }

    [YamlIgnore]
    public bool HostKeyGiven { get; private set; }

    /// <summary>Which targets <c>/probe</c> may have this module dial; <see cref="AllowedTargetsGiven"/> as for host_key.</summary>
    public AllowedTargetsModel? AllowedTargets
    {
        get;
        set
        {
            field = value;
            AllowedTargetsGiven = true;
        }
    }

    [YamlIgnore]
    public bool AllowedTargetsGiven { get; private set; }
}

internal sealed class TargetModel
{
    public TargetAddress? Address { get; set; }

    public string? Module { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>The target's expected host key fingerprints (<c>SHA256:…</c>), each checked as it is read.</summary>
    public List<HostKeyFingerprint>? HostKeyFingerprints { get; set; }
}
