using SshExporter.Probing.Wire;
using SshExporter.Tests.Probing.Kex;

namespace SshExporter.Tests.Probing.Wire;

/// <summary>The framing checks of RFC 4253 §6 on an unencrypted packet, before and after its body is read.</summary>
public class BinaryPacketTests
{
    [Theory]
    [InlineData(12, true)] // 16 bytes in all: the smallest whole packet with 4 bytes of padding and a payload
    [InlineData(1132, true)] // OpenSSH 9.2's KEXINIT
    [InlineData(34_996, true)] // 35,000 bytes in all: the most RFC 4253 §6.1 asks anyone to process
    [InlineData(35_004, false)] // a whole number of blocks, but over the limit
    [InlineData(int.MaxValue, false)]
    [InlineData(-1, false)] // 0xFFFFFFFF
    [InlineData(0, false)]
    [InlineData(4, false)] // a block, but no room for a padding length and 4 bytes of padding
    [InlineData(13, false)] // not a whole number of 8-byte blocks
    public void A_length_is_taken_only_when_it_is_whole_blocks_with_room_for_padding_and_within_35000_bytes(int length, bool taken)
    {
        bool ok = BinaryPacket.TryReadLength(KexInitPackets.UInt32(length), out int bodyLength, out string error);

        Assert.Equal(taken, ok);
        Assert.Equal(taken ? length : 0, bodyLength);
        Assert.Equal(taken, error.Length == 0);
    }

    [Fact]
    public void A_length_field_cut_short_is_refused()
    {
        Assert.False(BinaryPacket.TryReadLength([0, 0, 4], out _, out string error));
        Assert.Contains("cut short", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 4, 20, 0, 0, 0, 0 }, 1)]
    [InlineData(new byte[] { 5, 20, 21, 0, 0, 0, 0, 0 }, 2)]
    [InlineData(new byte[] { 4, 0, 0, 0, 0 }, 0)] // all padding: an empty payload, which the KEXINIT parser refuses
    public void The_payload_is_what_lies_between_the_padding_length_and_the_padding(byte[] body, int payloadLength)
    {
        Assert.True(BinaryPacket.TryGetPayload(body, out var payload, out string error), error);
        Assert.Equal(payloadLength, payload.Length);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 3, 20, 0, 0, 0 })] // padding under 4 bytes
    [InlineData(new byte[] { 9, 20, 0, 0, 0, 0 })] // more padding than packet
    [InlineData(new byte[] { 255, 20 })]
    public void Padding_that_is_too_short_or_longer_than_the_packet_is_refused(byte[] body)
    {
        Assert.False(BinaryPacket.TryGetPayload(body, out var payload, out string error));
        Assert.True(payload.IsEmpty);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_whole_packet_cut_short_after_its_length_field_is_refused()
    {
        byte[] packet = KexInitPackets.Captured(KexInitPackets.OpenSsh92Default);

        Assert.False(BinaryPacket.TryGetPayloadOfPacket(packet.AsSpan(0, packet.Length - 1), out _, out string error));
        Assert.Contains("cut short", error, StringComparison.Ordinal);
    }
}
