namespace SshExporter.Tests.Fixtures;

/// <summary>
/// Where <c>tests/openssh/build</c> leaves the OpenSSH it builds from Debian 13's source package: a cache directory
/// outside the repository, named after the upstream version, so that a build survives between test runs.
/// </summary>
public static class OpenSshBuild
{
    /// <summary>The file the build script writes last, so a build that was cut short is never taken for one.</summary>
    private const string CompleteMarker = ".complete";

    /// <summary>OpenSSH's privilege separation user, which sshd-session needs; Debian's openssh-server creates it.</summary>
    private const string PrivsepUser = "sshd";

    /// <summary>The upstream version the build script takes (in trixie's current Debian revision), from the one file both read.</summary>
    public static string SourceVersion => File.ReadAllText(RepositoryRoot.Combine("tests/openssh/version")).Trim();

    /// <summary>The install prefix: <c>$XDG_CACHE_HOME/ssh-exporter/openssh-VERSION</c>, or under <c>~/.cache</c>.</summary>
    public static string Prefix
    {
        get
        {
            string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "ssh-exporter", $"openssh-{SourceVersion}");
        }
    }

    /// <summary>The built sshd's absolute path; skips, saying how to get it, when there is no complete build or no privsep user.</summary>
    public static string RequireSshd()
    {
        Assert.SkipUnless(
            File.Exists(Path.Combine(Prefix, CompleteMarker)),
            $"needs OpenSSH {SourceVersion} built from Debian 13's source: run tests/openssh/build (scripts/test does)");
        Assert.SkipUnless(
            File.ReadLines("/etc/passwd").Any(line => line.StartsWith(PrivsepUser + ":", StringComparison.Ordinal)),
            $"needs the user '{PrivsepUser}' that OpenSSH's sshd-session drops privileges to (installing openssh-server creates it)");
        return Path.Combine(Prefix, "sbin", "sshd");
    }
}
