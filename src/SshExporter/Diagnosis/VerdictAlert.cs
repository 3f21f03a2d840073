namespace SshExporter.Diagnosis;

/// <summary>
/// Every alert of the shipped rules (alerts/ssh-exporter.rules.yml) that a verdict can name, each member spelt
/// exactly as the alert. The order is the verdict's order of precedence: host-wide causes, causes on one port,
/// symptoms, then what SSH works despite (<see cref="VerdictAlerts"/> has the severities and scopes).
/// </summary>
public enum VerdictAlert
{
    // Host-wide causes: sshd cannot run. Most specific first, as the rules exclude one another.
    SshHostKeysMissing,
    SshConfigInvalid,
    SshDaemonNotRunning,

    // Causes on one probed port. The rules make them exclusive for one probe outcome.
    SshPortTakenByOtherService,
    SshDaemonListensElsewhere,
    SshHostFirewallBlocking,
    SshDaemonNotAnswering,
    SshBlockedOutsideHost,
    SshNameNotResolving,
    SshProtocolUnsupported,
    SshProberThrottled,

    // Symptoms: what the remote probe saw, when no cause explains it.
    SshConnectionRefused,
    SshConnectionTimeout,
    SshHostUnreachable,
    SshConnectionDropped,
    SshBannerTimeout,

    // SSH works, or may; these inhibit nothing and nothing inhibits them.
    SshHostKeyPinMismatch,
    SshRestartWouldFail,
    SshTerrapinVulnerable,
    SshSidecarCheckFailing,
    SshWeakAlgorithmsOffered,
    SshPostQuantumKexMissing,
}
