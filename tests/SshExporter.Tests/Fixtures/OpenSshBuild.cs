namespace SshExporter.Tests.Fixtures;

/// <summary>
/// Where <c>tests/openssh/build</c> leaves the OpenSSH it builds from Debian 13's source package: a cache directory
/// outside the repository, named after the source version, so that a build survives between test runs.
/// </summary>
public static class OpenSshBuild
{
    /// <summary>The Debian source version the build script takes, from the one file both read.</summary>
    public static string SourceVersion => File.ReadAllText(RepositoryRoot.Combine("tests/openssh/version")).Trim();

    /// <summary>The install prefix: <c>$XDG_CACHE_HOME/ssh-exporter/openssh-VERSION</c>, or under <c>~/.cache</c>.</summary>
    public static string Prefix
    {
        get
        {
            string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "ssh-exporter", $"openssh-{SourceVersion.Replace(':', '_')}");
        }
    }

    public static string RequireSshd()
    {
        string sshd = Path.Combine(Prefix, "sbin", "sshd");
        Assert.SkipUnless(File.Exists(sshd), $"needs OpenSSH {SourceVersion} built from Debian 13's source: run tests/openssh/build (scripts/test does)");
        return sshd;
    }
}
