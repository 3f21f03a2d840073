using System.Net.Sockets;
using System.Text;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>An sshd that stops halfway through its identification is a hung or dying sshd, not another service.</summary>
public class CutShortIdentificationTests
{
    [Fact]
    public async Task Half_an_identification_then_silence_is_banner_timeout()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9");

        var (result, _) = await LoopbackProbe.RunAsync(peer, TimeSpan.FromSeconds(1));

        Assert.Equal(ProbeOutcome.BannerTimeout, result.Outcome);
    }

    [Fact]
    public async Task Half_an_identification_then_a_hang_up_is_closed()
    {
        await using var peer = new ScriptedPeer(async (socket, ct) =>
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-Open"), SocketFlags.None, ct);
            socket.Shutdown(SocketShutdown.Both);
        });

        var (result, _) = await LoopbackProbe.RunAsync(peer, TimeSpan.FromSeconds(2));

        Assert.Equal(ProbeOutcome.Closed, result.Outcome);
    }

    [Fact]
    public async Task Other_text_then_silence_is_still_another_service()
    {
        await using var peer = ScriptedPeer.Sends("220 mail.example.com ESMTP");

        var (result, _) = await LoopbackProbe.RunAsync(peer, TimeSpan.FromSeconds(1));

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
    }
}
