namespace SshExporter.Tests.Fixtures;

/// <summary>
/// An OpenSSH whose sshd the tests run: Debian's own (9.2 on bookworm), and a newer one built from Debian 13's
/// source package by <c>tests/openssh/build</c>, where behaviour differs (PerSourcePenalties, sshd-session,
/// post-quantum key exchange). Tests that must hold on both take <see cref="Names"/> as theory data.
/// </summary>
public sealed class OpenSsh
{
    private OpenSsh(string name, Func<string> requireSshd)
    {
        Name = name;
        _requireSshd = requireSshd;
    }

    private readonly Func<string> _requireSshd;

    /// <summary>The distribution's sshd, found on PATH.</summary>
    public static OpenSsh Installed { get; } = new("installed", () => Path.GetFullPath(Requires.Tool("sshd")));

    /// <summary>The sshd built from Debian 13's source package, from its cache directory.</summary>
    public static OpenSsh Built { get; } = new("built", OpenSshBuild.RequireSshd);

    /// <summary>Both, by name, as theory data: a test's display name then says which one failed.</summary>
    public static TheoryData<string> Names => new(Installed.Name, Built.Name);

    public string Name { get; }

    public static OpenSsh Named(string name) =>
        name == Installed.Name ? Installed
        : name == Built.Name ? Built
        : throw new ArgumentException($"no OpenSSH named '{name}'", nameof(name));

    /// <summary>The absolute path of its sshd (sshd re-executes itself, so it must be absolute); skips when it is missing.</summary>
    public string RequireSshd() => _requireSshd();

    public override string ToString() => Name;
}
