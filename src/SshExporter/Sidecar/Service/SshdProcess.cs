namespace SshExporter.Sidecar.Service;

/// <summary>Tells an sshd process, and the listening sshd among its per-connection children, from its comm and argv.</summary>
public static class SshdProcess
{
    /// <summary>
    /// The process is sshd: comm "sshd", or (for a binary under another name) an argv[0] that is the sshd
    /// binary or sshd's rewritten process title "sshd: ...".
    /// </summary>
    public static bool IsSshd(string? comm, IReadOnlyList<string>? argv)
    {
        if (comm == "sshd")
        {
            return true;
        }

        string first = argv is { Count: > 0 } ? argv[0] : "";
        return first.StartsWith("sshd:", StringComparison.Ordinal) || Path.GetFileName(first) == "sshd";
    }

    /// <summary>
    /// The listening sshd rather than one serving a connection. Since OpenSSH 8.2 the listener titles itself
    /// "sshd: /usr/sbin/sshd -D [listener] ..."; older ones keep their argv. Connection children (which outlive
    /// the listener) retitle themselves "sshd: user@pts/0", "sshd: user [priv]", but first run re-executed with
    /// -R (OpenSSH before 9.8); inetd-mode ones run with -i.
    /// </summary>
    public static bool IsListener(IReadOnlyList<string>? argv)
    {
        if (argv is not { Count: > 0 })
        {
            return false;
        }

        string first = argv[0];
        if (first.Contains("[listener]", StringComparison.Ordinal))
        {
            return true;
        }

        return !first.StartsWith("sshd:", StringComparison.Ordinal) && !argv.Contains("-i") && !argv.Contains("-R");
    }
}
