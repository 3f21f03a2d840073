using SshExporter.Probing;
using SshExporter.Probing.HostKey;

namespace SshExporter.Config;

/// <summary>One configured target of <c>/metrics</c>.</summary>
public sealed record TargetConfig(TargetAddress Address, string Module, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>Its <c>host_key_fingerprints</c>, checked by its module's host key stage.</summary>
    public IReadOnlyList<HostKeyPin> HostKeyPins { get; init; } = [];
}

/// <summary>A loaded, validated configuration. Immutable: a reload swaps the whole object.</summary>
public sealed record ExporterConfig(
    IReadOnlyDictionary<string, ModuleSettings> Modules,
    IReadOnlyList<TargetConfig> Targets,
    string Source)
{
    public const string DefaultModuleName = "default";

    /// <summary>The local checks of sshd; disabled unless the file enables them.</summary>
    public Sidecar.SidecarSettings Sidecar { get; init; } = SshExporter.Sidecar.SidecarSettings.Disabled;

    /// <summary>Every label name any target sets, sorted: the label set of every per-target series.</summary>
    public IReadOnlyList<string> TargetLabelNames { get; } =
        Targets.SelectMany(t => t.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
