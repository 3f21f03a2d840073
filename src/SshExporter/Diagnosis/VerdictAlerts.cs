namespace SshExporter.Diagnosis;

/// <summary>How loud a finding is: the <c>severity</c> label of its alert.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>The <c>diagnosis</c> label of an alert: what Alertmanager's inhibitions join on.</summary>
public enum DiagnosisKind
{
    /// <summary>No <c>diagnosis</c> label: it inhibits nothing and nothing inhibits it.</summary>
    None,

    /// <summary>A root cause; it inhibits the symptoms of its host (host-wide) or of its host and port.</summary>
    Cause,

    /// <summary>What the remote probe saw; silenced while a cause fires for the same host, or host and port.</summary>
    Symptom,
}

/// <summary>Whether an alert carries a <c>port</c> label (the inhibitions treat the two apart).</summary>
public enum AlertScope
{
    Host,
    Port,
}

/// <summary>The labels of each alert a verdict can name, as the shipped rules give them (a test holds the two together).</summary>
public static class VerdictAlerts
{
    public static IReadOnlyList<VerdictAlert> All { get; } = Enum.GetValues<VerdictAlert>();

    /// <summary>
    /// The shipped alerts no verdict names, and why: each needs what one look at one target cannot give. Every alert
    /// of the rules file is either a <see cref="VerdictAlert"/> or here.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NotVerdicts { get; } = new Dictionary<string, string>
    {
        ["SshHostKeyChanged"] = "compares the key with the keys seen over the hour before; the exporter keeps no history of keys",
        ["SshExporterConfigReloadFailed"] = "about the exporter's own configuration, not an SSH server; the pages show it apart",
        ["SshExporterProbesFailingLocally"] = "about the exporter's own host (its socket budget, descriptors, ephemeral ports or a policy on it), not an SSH server; such a probe has no outcome to judge",
        ["SshExporterDown"] = "Prometheus failing to scrape an exporter, which the exporter cannot see of itself",
    };

    /// <summary>The alert's name in the rules and Alertmanager.</summary>
    public static string Name(this VerdictAlert alert) => alert.ToString();

    public static AlertSeverity Severity(this VerdictAlert alert) => alert switch
    {
        VerdictAlert.SshProtocolUnsupported or VerdictAlert.SshProberThrottled or VerdictAlert.SshRestartWouldFail
            or VerdictAlert.SshTerrapinVulnerable or VerdictAlert.SshSidecarCheckFailing => AlertSeverity.Warning,
        VerdictAlert.SshWeakAlgorithmsOffered or VerdictAlert.SshPostQuantumKexMissing => AlertSeverity.Info,
        _ => AlertSeverity.Critical,
    };

    public static DiagnosisKind Kind(this VerdictAlert alert) => alert switch
    {
        <= VerdictAlert.SshProberThrottled => DiagnosisKind.Cause,
        <= VerdictAlert.SshBannerTimeout => DiagnosisKind.Symptom,
        _ => DiagnosisKind.None,
    };

    /// <summary>Host-wide: the rules aggregate it <c>by (host)</c>, so it has no <c>port</c> label.</summary>
    public static AlertScope Scope(this VerdictAlert alert) => alert switch
    {
        VerdictAlert.SshHostKeysMissing or VerdictAlert.SshConfigInvalid or VerdictAlert.SshDaemonNotRunning
            or VerdictAlert.SshRestartWouldFail or VerdictAlert.SshSidecarCheckFailing => AlertScope.Host,
        _ => AlertScope.Port,
    };
}
