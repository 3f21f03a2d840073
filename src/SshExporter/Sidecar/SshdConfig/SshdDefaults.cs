namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Where sshd is on a typical host, and what it uses when sshd_config says nothing (OpenSSH 9.x as Debian and most
/// distributions build it). The one place the sidecar's defaults are written.
/// </summary>
public static class SshdDefaults
{
    public const string ConfigPath = "/etc/ssh/sshd_config";

    public const string Binary = "/usr/sbin/sshd";

    /// <summary>sshd's systemd unit on Debian and Ubuntu, then elsewhere.</summary>
    public static readonly IReadOnlyList<string> SystemdUnits = ["ssh.service", "sshd.service"];

    /// <summary>Relative <c>Include</c> paths are relative to this directory (sshd's compiled-in SSHDIR).</summary>
    public const string ConfigDirectory = "/etc/ssh";

    public const int Port = 22;

    public const string PidFile = "/run/sshd.pid";

    /// <summary>The host keys sshd tries when no <c>HostKey</c> is named; a missing one is skipped if another loads.</summary>
    public static readonly IReadOnlyList<string> HostKeys =
        ["/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key"];

    /// <summary>sshd refuses to go deeper than this many nested <c>Include</c>s (SERVCONF_MAX_DEPTH).</summary>
    public const int MaxIncludeDepth = 16;
}
