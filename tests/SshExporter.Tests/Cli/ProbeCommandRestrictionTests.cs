using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Cli;

/// <summary>
/// The <c>probe</c> command probes what <c>/probe</c> would: a module's <c>allowed_targets</c> refuses the same
/// targets, with the same one line and exit code 2, so the command is also how to try a restriction out.
/// </summary>
[NeedsExporterBinary]
public class ProbeCommandRestrictionTests
{
    [Fact]
    public async Task The_probe_command_honours_allowed_targets()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        string config = ExporterUnderTest.WriteConfig(
            "modules:\n  other_address: {allowed_targets: {networks: [127.0.0.2]}}\n  loopback: {allowed_targets: {networks: [127.0.0.0/8]}}\n");

        var (refusedExit, refused) = await ExporterProcess.RunAsync(
            "probe", $"--target=localhost:{peer.Port}", "--module=other_address", $"--config.file={config}");
        var (allowedExit, allowed) = await ExporterProcess.RunAsync(
            "probe", $"--target=localhost:{peer.Port}", "--module=loopback", $"--config.file={config}");

        Assert.Equal(2, refusedExit);
        Assert.Equal(
            $"module 'other_address' does not allow target 'localhost:{peer.Port}': the address to dial is outside allowed_targets.networks",
            refused.Trim());
        Assert.Equal(0, allowedExit);
        Assert.Contains("ssh_probe_success 1", allowed, StringComparison.Ordinal);
        Assert.Equal(1, peer.Accepted);
    }
}
