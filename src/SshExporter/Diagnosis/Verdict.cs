using SshExporter.Probing;

namespace SshExporter.Diagnosis;

/// <summary>How a target is, in one word and one colour on the pages.</summary>
public enum VerdictState
{
    /// <summary>Nothing to judge: no probe and no local checks.</summary>
    Unknown,

    /// <summary>No finding of warning or critical severity (info findings may be listed).</summary>
    Healthy,

    Warning,

    Critical,
}

/// <summary>One alert a verdict names, with what to tell a person about it, for one target.</summary>
/// <param name="Alert">The shipped alert that fires for the same cause.</param>
/// <param name="Target">The host and port it is about: the verdict's, or for the local sshd alone the watched port it concerns.</param>
/// <param name="Summary">One sentence of what is wrong, for this target.</param>
/// <param name="FixHint">What to do beyond the commands, or null.</param>
/// <param name="Confirm">The commands that confirm it, for this target.</param>
/// <param name="Fix">The commands that fix it, for this target.</param>
/// <param name="RunbookUrl">The alert's section of the runbook.</param>
/// <param name="Evidence">The facts that made it fire: the probe's outcome, what the local checks found.</param>
public sealed record Finding(
    VerdictAlert Alert,
    TargetAddress Target,
    string Summary,
    string? FixHint,
    IReadOnlyList<string> Confirm,
    IReadOnlyList<string> Fix,
    string RunbookUrl,
    IReadOnlyList<string> Evidence)
{
    public string AlertName => Alert.Name();

    public AlertSeverity Severity => Alert.Severity();

    public DiagnosisKind Kind => Alert.Kind();
}

/// <summary>
/// The verdict on one target: the findings the shipped alerts would page or ticket for, after Alertmanager's
/// inhibitions, most important first. <see cref="Headline"/> is the one to act on.
/// </summary>
public sealed record Verdict(TargetAddress Target, VerdictState State, IReadOnlyList<Finding> Findings)
{
    /// <summary>The finding to act on first; null when healthy or unknown.</summary>
    public Finding? Headline => State is VerdictState.Warning or VerdictState.Critical ? Findings[0] : null;

    /// <summary>The alert names of <see cref="Findings"/>, in order.</summary>
    public IReadOnlyList<string> AlertNames => [.. Findings.Select(finding => finding.AlertName)];
}
