using System.Net.Sockets;
using System.Text;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>Peers that send an SSH identification line, as servers in the wild do.</summary>
public class IdentifyingPeerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly string[] Pieces = ["SS", "H-2.0-Open", "SSH_9.2p1 Deb", "ian-2\r", "\n"];

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", "2.0", "OpenSSH_9.2p1", "Debian-2")]
    [InlineData("SSH-1.99-OpenSSH_3.9p1\r\n", "1.99", "OpenSSH_3.9p1", "")]
    [InlineData("SSH-2.0-dropbear_2022.83\n", "2.0", "dropbear_2022.83", "")]
    [InlineData("Welcome to the bastion\r\nAuthorised use only\r\nSSH-2.0-OpenSSH_9.2p1\r\n", "2.0", "OpenSSH_9.2p1", "")]
    public async Task A_valid_identification_is_a_success_and_is_split_into_its_parts(string greeting, string protocol, string software, string comments)
    {
        await using var peer = ScriptedPeer.Sends(greeting);

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal(new SshIdentification(protocol, software, comments), result.Identification);
    }

    [Fact]
    public async Task An_identification_line_of_exactly_255_characters_with_its_CR_LF_is_accepted()
    {
        string line = "SSH-2.0-" + new string('x', SshIdentification.MaxLineLength - 2 - "SSH-2.0-".Length) + "\r\n";
        Assert.Equal(SshIdentification.MaxLineLength, line.Length);
        await using var peer = ScriptedPeer.Sends(line);

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
    }

    [Fact]
    public async Task A_pre_banner_line_longer_than_255_characters_is_skipped()
    {
        await using var peer = ScriptedPeer.Sends(new string('#', 600) + "\r\nSSH-2.0-OpenSSH_9.2p1\r\n");

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
    }

    [Fact]
    public async Task An_identification_that_arrives_in_pieces_is_read_as_one_line()
    {
        await using var peer = new ScriptedPeer(async (socket, ct) =>
        {
            foreach (string piece in Pieces)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(piece), SocketFlags.None, ct);
                await Task.Delay(50, ct);
            }

            await ScriptedPeer.DrainUntilClosedAsync(socket, ct);
        });

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal(new SshIdentification("2.0", "OpenSSH_9.2p1", "Debian-2"), result.Identification);
    }

    [Theory]
    [InlineData("SSH-1.5-OpenSSH_1.2.3\r\n")]
    [InlineData("SSH-1.0-ancient\n")]
    public async Task An_SSH_1_only_server_is_protocol_unsupported(string greeting)
    {
        await using var peer = ScriptedPeer.Sends(greeting);

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.ProtocolUnsupported, result.Outcome);
        Assert.Equal("1", result.Identification?.ProtocolVersion[..1]);
    }
}
