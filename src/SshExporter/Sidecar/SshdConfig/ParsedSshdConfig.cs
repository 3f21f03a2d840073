namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// What sshd_config (with its includes) says about where sshd listens, its host keys and its pid file.
/// Paths are the host's (as written in the config), not this process's view of them.
/// </summary>
/// <param name="ConfigPath">The main file, as a host path.</param>
/// <param name="Ports">
/// Every port sshd listens on, sorted and distinct: a <c>ListenAddress</c> with a port listens there, one without
/// listens on every <see cref="PortDirectives"/> port, and with no <c>ListenAddress</c> all of those ports are used.
/// This is what <c>sshd_config_port_info{port}</c> reports.
/// </param>
/// <param name="PortDirectives">The <c>Port</c> values in order, or 22 alone when none is given.</param>
/// <param name="ListenAddresses">The <c>ListenAddress</c> lines in order; empty means every address.</param>
/// <param name="HostKeys">The <c>HostKey</c> files in order, or sshd's default set.</param>
/// <param name="HostKeysAreDefaults">True when no <c>HostKey</c> was named and <see cref="HostKeys"/> is the default set.</param>
/// <param name="PidFile">The pid file, or null for <c>PidFile none</c>.</param>
/// <param name="FilesRead">The main file and every included file that was read, in reading order.</param>
/// <param name="Problems">Lines that could not be understood, in sshd's words; sshd -t would reject most of them.</param>
/// <param name="Status">Could not run when the main file is missing or unreadable; otherwise ran, with the problems in its detail.</param>
public sealed record ParsedSshdConfig(
    string ConfigPath,
    IReadOnlyList<int> Ports,
    IReadOnlyList<int> PortDirectives,
    IReadOnlyList<SshdListenAddress> ListenAddresses,
    IReadOnlyList<string> HostKeys,
    bool HostKeysAreDefaults,
    string? PidFile,
    IReadOnlyList<string> FilesRead,
    IReadOnlyList<string> Problems,
    CheckStatus Status)
{
    /// <summary>The result when the main file cannot be read: nothing is known, and nothing may be read as a fault.</summary>
    public static ParsedSshdConfig Unreadable(string configPath, string reason) =>
        new(configPath, [], [], [], [], false, null, [], [reason], CheckStatus.CouldNotRun(reason));
}
