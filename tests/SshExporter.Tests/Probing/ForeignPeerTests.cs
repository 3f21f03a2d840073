using System.Net.Sockets;
using System.Text;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>Peers that send bytes which are not an SSH identification: another service on the port, or garbage.</summary>
public class ForeignPeerTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Long enough that a probe ending early is clearly not the deadline's doing.</summary>
    private static readonly TimeSpan LongTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The banner phase must end on its own within this. The whole probe, timed from outside, gets half the
    /// timeout: a loaded CI machine can add cold-start time there that says nothing about the reader.
    /// </summary>
    private static readonly TimeSpan WellBeforeLongTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("220 mail.example.test ESMTP Postfix\r\n")]
    public async Task A_greeting_of_another_protocol_followed_by_silence_is_banner_invalid_at_the_timeout(string greeting)
    {
        await using var peer = ScriptedPeer.Sends(greeting);

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, ShortTimeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
        Assert.Null(result.Identification);
        AssertEndedAtTheTimeout(result, elapsed);
    }

    [Fact]
    public async Task A_greeting_of_another_protocol_followed_by_a_hang_up_is_banner_invalid_not_closed()
    {
        await using var peer = new ScriptedPeer(async (socket, ct) =>
        {
            await socket.SendAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), SocketFlags.None, ct);
            socket.Shutdown(SocketShutdown.Both);
        });

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, LongTimeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
        AssertEndedEarly(result, elapsed);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x0c, 0x0a, 0x15 })]
    [InlineData(new byte[] { (byte)'S', (byte)'S', (byte)'H', (byte)'-', (byte)'2', (byte)'.', (byte)'0', (byte)'-', 0x00, (byte)'x', 0x0d, 0x0a })]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00 })]
    public async Task A_NUL_byte_before_any_identification_is_banner_invalid_at_once(byte[] bytes)
    {
        await using var peer = ScriptedPeer.SendsBytes(bytes);

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, LongTimeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
        AssertEndedEarly(result, elapsed);
    }

    [Theory]
    [InlineData(SshIdentification.MaxLineLength + 1)]
    [InlineData(1000)]
    public async Task An_SSH_line_longer_than_255_characters_is_banner_invalid_at_once(int lengthWithCrLf)
    {
        string line = "SSH-2.0-" + new string('x', lengthWithCrLf - 2 - "SSH-2.0-".Length) + "\r\n";
        await using var peer = ScriptedPeer.Sends(line);

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, LongTimeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
        AssertEndedEarly(result, elapsed);
    }

    [Theory]
    [InlineData("SSH-2.0\r\n")]
    [InlineData("SSH-two-OpenSSH\r\n")]
    [InlineData("SSH-2.0-\r\n")]
    public async Task A_malformed_SSH_line_is_banner_invalid(string greeting)
    {
        await using var peer = ScriptedPeer.Sends(greeting);

        var (result, _) = await LoopbackProbe.RunAsync(peer, LongTimeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
    }

    [Fact]
    public async Task A_flood_without_a_newline_ends_well_before_the_timeout_as_banner_invalid()
    {
        await using var peer = ScriptedPeer.Floods();

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, LongTimeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
        AssertEndedEarly(result, elapsed);
    }

    [Fact]
    public async Task A_slow_trickle_of_junk_without_a_newline_ends_at_the_timeout_as_banner_invalid()
    {
        await using var peer = new ScriptedPeer(async (socket, ct) =>
        {
            while (!ct.IsCancellationRequested)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes("."), SocketFlags.None, ct);
                await Task.Delay(100, ct);
            }
        });

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, ShortTimeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
        AssertEndedAtTheTimeout(result, elapsed);
    }

    private static void AssertEndedEarly(ProbeResult result, TimeSpan elapsed)
    {
        Assert.True(result.PhaseDuration(ProbePhase.Banner) < WellBeforeLongTimeout, $"the banner phase took {result.PhaseDuration(ProbePhase.Banner)}");
        Assert.True(elapsed < LongTimeout / 2, $"the probe took {elapsed}");
    }

    private static void AssertEndedAtTheTimeout(ProbeResult result, TimeSpan elapsed)
    {
        Assert.InRange(result.Duration, ShortTimeout * 0.9, ShortTimeout + Slack);
        Assert.True(elapsed >= ShortTimeout * 0.9, $"the probe took only {elapsed}");
    }
}
