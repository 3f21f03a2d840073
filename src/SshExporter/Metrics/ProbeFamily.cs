using SshExporter.Probing;

namespace SshExporter.Metrics;

/// <summary>
/// One gauge family of a probe's series: its name, help, own label names (after the target labels), and the lines
/// one result gives it (none when the result lacks what the family describes).
/// </summary>
internal sealed record ProbeFamily(string Name, string Help, string[] OwnLabelNames, Action<SeriesLineWriter, ProbeResult> WriteLines)
{
    /// <summary>
    /// Declared only when some result of the exposition has a host key stage, so that an exposition of probes without
    /// one (every <c>/probe</c> of a module without <c>host_key:</c>) does not show the families empty.
    /// </summary>
    public bool OnlyWithHostKeyStage { get; init; }
}
