using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// SSH binary packets (RFC 4253 §6) before any key is in use: no cipher, no MAC, so the length is read in the
/// clear. A packet may be at most <see cref="MaxPacketLength"/> bytes, the size RFC 4253 §6.1 says every
/// implementation must handle, so a peer that announces more cannot make us allocate it; and at most
/// <see cref="MaxPackets"/> are read, so a peer cannot keep us reading IGNORE messages until the deadline.
/// </summary>
internal sealed class SshPacketChannel(Socket socket)
{
    public const int MaxPacketLength = 35000;

    /// <summary>sshd sends two before we hang up (KEXINIT and the reply), and perhaps a few IGNORE or DEBUG.</summary>
    public const int MaxPackets = 16;

    // RFC 4253 §6: with no cipher the block size is 8, and there are at least 4 bytes of padding.
    private const int BlockSize = 8;
    private const int MinPadding = 4;

    private readonly byte[] _header = new byte[4];
    private int _packetsRead;

    /// <summary>The payload of the next packet (its first byte is the message number).</summary>
    public async ValueTask<byte[]> ReadPayloadAsync(CancellationToken cancellationToken)
    {
        if (++_packetsRead > MaxPackets)
        {
            throw new HostKeyExchangeException($"the server sent {MaxPackets} packets without completing the key exchange");
        }

        await ReadExactlyAsync(_header, cancellationToken);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(_header);
        if (length is < 1 + MinPadding or > MaxPacketLength)
        {
            throw new HostKeyExchangeException($"the server sent a packet of {length} bytes (expected 5 to {MaxPacketLength})");
        }

        var packet = new byte[length];
        await ReadExactlyAsync(packet, cancellationToken);
        int padding = packet[0];
        int payloadLength = (int)length - 1 - padding;
        if (padding < MinPadding || payloadLength < 1)
        {
            throw new HostKeyExchangeException($"the server sent a packet with {padding} bytes of padding in {length} bytes");
        }

        return packet.AsSpan(1, payloadLength).ToArray();
    }

    /// <summary>Sends each payload as a packet of its own, all in one write.</summary>
    public async ValueTask WritePayloadsAsync(IEnumerable<byte[]> payloads, CancellationToken cancellationToken)
    {
        var wire = new SshWireWriter();
        foreach (byte[] payload in payloads)
        {
            int padding = BlockSize - ((4 + 1 + payload.Length) % BlockSize);
            padding += padding < MinPadding ? BlockSize : 0;
            var randomPadding = RandomNumberGenerator.GetBytes(padding);
            wire.UInt32((uint)(1 + payload.Length + padding)).Byte((byte)padding).Bytes(payload).Bytes(randomPadding);
        }

        await socket.SendAsync(wire.ToArray(), SocketFlags.None, cancellationToken);
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> into, CancellationToken cancellationToken)
    {
        int done = 0;
        while (done < into.Length)
        {
            int read = await socket.ReceiveAsync(into[done..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new HostKeyExchangeException("the server closed the connection during the key exchange");
            }

            done += read;
        }
    }
}
