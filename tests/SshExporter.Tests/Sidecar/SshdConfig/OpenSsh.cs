using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>The real OpenSSH tools the tests prove the sidecar against; each skips the test when missing.</summary>
internal static class OpenSsh
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Makes a host key pair with no passphrase: <paramref name="path"/> and <paramref name="path"/>.pub.</summary>
    public static Task KeyGenAsync(string type, string path) =>
        ExternalCommand.RunCheckedAsync(Requires.Tool("ssh-keygen"), ["-q", "-t", type, "-N", "", "-C", "test", "-f", path], Token);

    /// <summary>Makes sshd's default host keys under <paramref name="root"/>/etc/ssh, as <c>ssh-keygen -A</c> makes them in /etc/ssh.</summary>
    public static Task KeyGenAllAsync(string root) =>
        // An RSA key among them: slow on a busy machine.
        ExternalCommand.RunCheckedAsync(Requires.Tool("ssh-keygen"), ["-A", "-f", root], Token, TimeSpan.FromSeconds(60));

    public static string Sshd() => Requires.Tool("sshd");

    /// <summary>Whether this process may make a private mount namespace (root, and a container that allows it).</summary>
    public static async Task<bool> CanUnshareMountsAsync() =>
        Environment.IsPrivilegedProcess
        && (await ExternalCommand.RunAsync(Requires.Tool("unshare"), ["-m", "true"], TimeSpan.FromSeconds(10), Token)).ExitCode == 0;

    /// <summary>The effective configuration sshd computes (<c>sshd -T</c>), as keyword/value lines.</summary>
    public static async Task<IReadOnlyList<(string Keyword, string Value)>> EffectiveConfigAsync(string configPath, string hostKey)
    {
        string output = await ExternalCommand.RunCheckedAsync(Sshd(), ["-T", "-f", configPath, "-o", $"HostKey={hostKey}"], Token);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : ""))
            .ToList();
    }
}
