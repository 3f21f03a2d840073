namespace SshExporter.Probing.Restriction;

/// <summary>
/// A client asked for a target its module's <c>allowed_targets</c> does not allow. Thrown before anything is
/// dialled, so that the probe ends without an outcome: a refusal is the exporter's answer, not the target's.
/// </summary>
public sealed class TargetRefusedException(string rule) : Exception(rule)
{
    /// <summary>The rule that refused it, as one line without the target's resolved address.</summary>
    public string Rule { get; } = rule;
}
