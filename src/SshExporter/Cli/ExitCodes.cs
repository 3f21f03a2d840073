using SshExporter.Diagnosis;

namespace SshExporter.Cli;

/// <summary>
/// The exit codes of <c>probe</c> and <c>diagnose</c>, which tell apart whose side a failure is on: the SSH server's
/// (its verdict names a fault), the person's (the command line or the config), or the prober's own host.
/// </summary>
public static class ExitCodes
{
    /// <summary>The verdict is healthy (info findings and checks that could not look may be listed).</summary>
    public const int Healthy = 0;

    /// <summary>The verdict names a fault of the target or of the SSH server (warning or critical).</summary>
    public const int Fault = 1;

    /// <summary>Bad flags, a bad target, one the module's <c>allowed_targets</c> refuses, or a bad config.</summary>
    public const int Usage = 2;

    /// <summary>The prober could not probe from its own side (descriptors, ports, a local policy): nothing is known of the target.</summary>
    public const int LocalFailure = 3;

    /// <summary>
    /// A fault of the target or the SSH server, known even when the probe itself could not be made; else a local
    /// failure of the probe; else healthy. A local check that could not look (SshSidecarCheckFailing) is told but is no fault.
    /// </summary>
    public static int Of(IEnumerable<Verdict> verdicts, bool probeFailedLocally) =>
        verdicts.Any(NamesFault) ? Fault : probeFailedLocally ? LocalFailure : Healthy;

    private static bool NamesFault(Verdict verdict) =>
        verdict.Findings.Any(finding => finding.Severity >= AlertSeverity.Warning && finding.Alert != VerdictAlert.SshSidecarCheckFailing);

    /// <summary>The table of the commands' help.</summary>
    public const string Help = "Exit codes: 0 healthy; 1 the verdict names a fault of the target or the SSH server; "
        + "2 usage error (bad flags, bad target, refused by allowed_targets, bad config); 3 the prober could not probe from its own side.";
}
