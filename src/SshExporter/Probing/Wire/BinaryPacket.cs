using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SshExporter.Probing.Wire;

/// <summary>
/// The framing of an unencrypted SSH binary packet (RFC 4253 §6): uint32 packet_length, byte padding_length,
/// payload, random padding, and no MAC before the first NEWKEYS. Pure checks on spans, so a hostile length or
/// padding is a reason in the trace, never an exception or a read outside the bytes given. <see cref="Append"/> frames
/// the packets we send by the same rules.
/// </summary>
public static class BinaryPacket
{
    /// <summary>The packet_length field that comes first.</summary>
    public const int LengthFieldSize = 4;

    /// <summary>
    /// The largest whole packet read, length field included: the size RFC 4253 §6.1 says every implementation must
    /// be able to process. A real KEXINIT is about 1 KB; anything larger is refused before a byte of it is read.
    /// </summary>
    public const int MaxPacketSize = 35_000;

    // Without a cipher the block size is 8 (RFC 4253 §6): the whole packet is a multiple of it, with 4 to 255
    // bytes of padding. OpenSSH refuses a packet that breaks either rule, and so does this reader.
    private const int BlockSize = 8;
    private const int MinPadding = 4;

    /// <summary>The bytes that follow the length field (padding_length, payload, padding), or why the length is refused.</summary>
    public static bool TryReadLength(ReadOnlySpan<byte> lengthField, out int bodyLength, out string error)
    {
        bodyLength = 0;
        if (lengthField.Length < LengthFieldSize)
        {
            error = $"packet length field cut short at {lengthField.Length} bytes";
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(lengthField);
        if (length > MaxPacketSize - LengthFieldSize)
        {
            error = $"packet length {length} is over the {MaxPacketSize}-byte limit";
            return false;
        }

        if (length < 1 + MinPadding || (length + LengthFieldSize) % BlockSize != 0)
        {
            error = $"packet length {length} is not a whole number of {BlockSize}-byte blocks with room for padding";
            return false;
        }

        bodyLength = (int)length;
        error = "";
        return true;
    }

    /// <summary>The payload inside a packet's body (what follows its length field), or why the padding is wrong.</summary>
    public static bool TryGetPayload(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> payload, out string error)
    {
        payload = default;
        if (body.IsEmpty)
        {
            error = "empty packet";
            return false;
        }

        int padding = body[0];
        if (padding < MinPadding || padding > body.Length - 1)
        {
            error = $"padding length {padding} does not fit a {body.Length}-byte packet";
            return false;
        }

        payload = body[1..^padding];
        error = "";
        return true;
    }

    /// <summary>A whole packet, length field first, checked as the reader checks it: for tests of hostile bytes.</summary>
    public static bool TryGetPayloadOfPacket(ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> payload, out string error)
    {
        payload = default;
        if (!TryReadLength(packet, out int bodyLength, out error))
        {
            return false;
        }

        if (packet.Length - LengthFieldSize < bodyLength)
        {
            error = $"packet cut short: {packet.Length - LengthFieldSize} of {bodyLength} bytes";
            return false;
        }

        return TryGetPayload(packet.Slice(LengthFieldSize, bodyLength), out payload, out error);
    }

    /// <summary>Appends <paramref name="payload"/> to <paramref name="wire"/> as one whole packet, with random padding.</summary>
    internal static void Append(SshWireWriter wire, ReadOnlySpan<byte> payload)
    {
        int padding = BlockSize - ((LengthFieldSize + 1 + payload.Length) % BlockSize);
        padding += padding < MinPadding ? BlockSize : 0;
        Span<byte> randomPadding = stackalloc byte[padding];
        RandomNumberGenerator.Fill(randomPadding);
        wire.UInt32((uint)(1 + payload.Length + padding)).Byte((byte)padding).Bytes(payload).Bytes(randomPadding);
    }
}
