using System.Diagnostics;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>The real OpenSSH tools the tests prove the sidecar against; each skips the test when missing.</summary>
internal static class OpenSsh
{
    /// <summary>Makes a host key pair with no passphrase: <paramref name="path"/> and <paramref name="path"/>.pub.</summary>
    public static void KeyGen(string type, string path)
    {
        string keygen = Requires.Tool("ssh-keygen");
        var (exitCode, output) = Run(keygen, "-q", "-t", type, "-N", "", "-C", "test", "-f", path);
        Assert.True(exitCode == 0, $"ssh-keygen -t {type} failed: {output}");
    }

    /// <summary>Makes sshd's default host keys under <paramref name="root"/>/etc/ssh, as <c>ssh-keygen -A</c> makes them in /etc/ssh.</summary>
    public static void KeyGenAll(string root)
    {
        var (exitCode, output) = Run(Requires.Tool("ssh-keygen"), "-A", "-f", root);
        Assert.True(exitCode == 0, $"ssh-keygen -A failed: {output}");
    }

    public static string Sshd() => Requires.Tool("sshd");

    /// <summary>Whether this process may make a private mount namespace (root, and a container that allows it).</summary>
    public static bool CanUnshareMounts()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return false;
        }

        var (exitCode, _) = Run(Requires.Tool("unshare"), "-m", "true");
        return exitCode == 0;
    }

    /// <summary>The effective configuration sshd computes (<c>sshd -T</c>), as keyword/value lines.</summary>
    public static IReadOnlyList<(string Keyword, string Value)> EffectiveConfig(string configPath, string hostKey)
    {
        var (exitCode, output) = Run(Sshd(), "-T", "-f", configPath, "-o", $"HostKey={hostKey}");
        Assert.True(exitCode == 0, $"sshd -T failed: {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : ""))
            .ToList();
    }

    private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var standardError = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + standardError.Result);
    }
}
