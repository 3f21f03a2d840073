namespace SshExporter.Tests.Fixtures;

/// <summary>
/// Runs a program that this host refuses every outgoing TCP connect: a Landlock ruleset (Linux 6.7+) that handles
/// TCP connect and allows no port, so <c>connect()</c> fails with EACCES before a packet leaves, as a local firewall
/// or security policy does. (An iptables OUTPUT rule cannot stand in: Linux reports its DROP as a connect timeout
/// and its REJECT as a refusal, both indistinguishable from the target's own answers.)
/// </summary>
public static class LocalConnectBlock
{
    private const int Unsupported = 77;

    /// <summary>The command line that runs <paramref name="file"/> under the block; skips the test when the kernel cannot.</summary>
    public static async Task<IReadOnlyList<string>> WrapAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        string python = Requires.Tool("python3");
        string script = RepositoryRoot.Combine("tests/SshExporter.Tests/Fixtures/landlock_deny_tcp_connect.py");
        var check = await ExternalCommand.RunAsync(python, [script, "true"], TimeSpan.FromSeconds(30), cancellationToken);
        Assert.SkipWhen(check.ExitCode == Unsupported, $"needs Landlock network rules (Linux 6.7 or later): {check.Stderr.Trim()}");
        Assert.True(check.ExitCode == 0, $"the Landlock wrapper failed: {check}");
        return [python, script, file, .. arguments];
    }
}
