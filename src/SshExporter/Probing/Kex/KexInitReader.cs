using System.Buffers;
using System.Net.Sockets;

namespace SshExporter.Probing.Kex;

/// <summary>What reading the server's first binary packet gave: its offer, or why there is none.</summary>
public sealed record KexInitRead(KexInit? Offer, int BytesRead, string Failure);

/// <summary>
/// Reads the first binary packet the server sends after the identification exchange, which RFC 4253 §7.1 says is
/// its SSH_MSG_KEXINIT, and parses it. It reads exactly that packet and no further: the length field, then the
/// length it announced, which <see cref="BinaryPacket"/> caps at 35,000 bytes before any of it is read, into a pooled
/// buffer of that size. The deadline is the caller's token, so a slow or stalled server cannot hold it longer.
/// </summary>
public static class KexInitReader
{
    public static async ValueTask<KexInitRead> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        byte[] header = ArrayPool<byte>.Shared.Rent(BinaryPacket.LengthFieldSize);
        int bodyLength;
        try
        {
            int got = await ReceiveExactlyAsync(socket, header.AsMemory(0, BinaryPacket.LengthFieldSize), cancellationToken);
            if (got < BinaryPacket.LengthFieldSize)
            {
                return new KexInitRead(null, got, got == 0 ? "the server hung up before sending a packet" : $"the server hung up after {got} bytes of a packet");
            }

            if (!BinaryPacket.TryReadLength(header.AsSpan(0, BinaryPacket.LengthFieldSize), out bodyLength, out string error))
            {
                return new KexInitRead(null, got, error);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }

        byte[] body = ArrayPool<byte>.Shared.Rent(bodyLength);
        try
        {
            int got = await ReceiveExactlyAsync(socket, body.AsMemory(0, bodyLength), cancellationToken);
            int bytesRead = BinaryPacket.LengthFieldSize + got;
            return got < bodyLength
                ? new KexInitRead(null, bytesRead, $"the server hung up after {got} of the packet's {bodyLength} bytes")
                : Parse(body.AsSpan(0, bodyLength), bytesRead);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static KexInitRead Parse(ReadOnlySpan<byte> body, int bytesRead)
    {
        if (!BinaryPacket.TryGetPayload(body, out var payload, out string error) || !KexInit.TryParse(payload, out var offer, out error))
        {
            return new KexInitRead(null, bytesRead, error);
        }

        return new KexInitRead(offer, bytesRead, "");
    }

    /// <summary>Fills <paramref name="buffer"/> unless the peer hangs up first; returns the bytes read.</summary>
    private static async ValueTask<int> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int read = await socket.ReceiveAsync(buffer[done..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        return done;
    }
}
