namespace SshExporter.Runbook;

/// <summary>A fault a sidecar check found, or its failure to look: each has its own runbook section.</summary>
public enum SidecarFinding
{
    /// <summary>The service check looked and sshd is not running.</summary>
    ServiceNotRunning,

    /// <summary><c>sshd -t</c> rejects sshd_config.</summary>
    ConfigInvalid,

    /// <summary>A host key file sshd would load is missing, empty or unreadable.</summary>
    HostKeyMissing,

    /// <summary>Nothing listens on a port sshd_config makes sshd use.</summary>
    PortNotListening,

    /// <summary>A host firewall drops or rejects new connections to a port sshd uses.</summary>
    FirewallBlocks,

    /// <summary>A check could not look at all (<c>sshd_check_success == 0</c>).</summary>
    CheckCouldNotLook,
}
