using System.Globalization;
using SshExporter.Probing;

namespace SshExporter.Diagnosis;

/// <summary>
/// The words a verdict is told in, wherever it is shown: the pages' cards and the <c>probe</c> and <c>diagnose</c>
/// commands say the same state and the same sentences.
/// </summary>
public static class VerdictWording
{
    /// <summary>The local sshd's sentence when its verdict is healthy.</summary>
    public const string HealthyLocalSshd = "Every local check passes: sshd runs, listens, answers on loopback, and no firewall rule blocks it.";

    /// <summary>The sentence of a verdict with nothing to judge (no probe, no local checks).</summary>
    public const string NothingToJudge = "Nothing to judge yet.";

    /// <summary>The state as a person reads it.</summary>
    public static string Label(this VerdictState state) => state switch
    {
        VerdictState.Critical => "Critical",
        VerdictState.Warning => "Warning",
        VerdictState.Healthy => "Healthy",
        _ => "Unknown",
    };

    /// <summary>The sentence of a healthy target: what answered, and how fast.</summary>
    public static string HealthyTarget(ProbeResult result) =>
        $"SSH answers: {result.Identification?.ToString() ?? "an SSH server"} in {Seconds(result.Duration)}.";

    /// <summary>A duration as the pages and the commands print it.</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
