using System.Buffers;
using System.Net.Sockets;

namespace SshExporter.Probing.Wire;

/// <summary>
/// Reads the server's unencrypted binary packets (RFC 4253 §6) one at a time, and never a byte past the packet it
/// was asked for: the length field, then the length it announced, which <see cref="BinaryPacket"/> caps at 35,000
/// bytes before any of it is read, into a pooled buffer of that size. The deadline is the caller's token, so a slow
/// or stalled server cannot hold it longer. A broken frame or a hang-up is a <see cref="SshPacket.Failure"/>, not
/// an exception; socket errors and cancellation propagate.
/// </summary>
public sealed class SshPacketReader(Socket socket) : IDisposable
{
    private readonly byte[] _header = new byte[BinaryPacket.LengthFieldSize];
    private byte[]? _body;

    /// <summary>Every byte read so far, framing included.</summary>
    public int BytesRead { get; private set; }

    /// <summary>Packets read so far, whole or not.</summary>
    public int PacketsRead { get; private set; }

    /// <summary>The next packet; the previous one's payload is gone once this is called.</summary>
    public async ValueTask<SshPacket> ReadAsync(CancellationToken cancellationToken)
    {
        PacketsRead++;
        ReturnBody();
        int got = await ReceiveExactlyAsync(_header, cancellationToken);
        if (got < _header.Length)
        {
            return SshPacket.Failed(got == 0 ? "the server hung up before sending a packet" : $"the server hung up after {got} bytes of a packet");
        }

        if (!BinaryPacket.TryReadLength(_header, out int bodyLength, out string error))
        {
            return SshPacket.Failed(error);
        }

        _body = ArrayPool<byte>.Shared.Rent(bodyLength);
        got = await ReceiveExactlyAsync(_body.AsMemory(0, bodyLength), cancellationToken);
        if (got < bodyLength)
        {
            return SshPacket.Failed($"the server hung up after {got} of the packet's {bodyLength} bytes");
        }

        if (!BinaryPacket.TryGetPayload(_body.AsSpan(0, bodyLength), out var payload, out error))
        {
            return SshPacket.Failed(error);
        }

        return payload.IsEmpty
            ? SshPacket.Failed("a packet with no message in it")
            : new SshPacket(_body.AsMemory(1, payload.Length), "");
    }

    public void Dispose() => ReturnBody();

    private void ReturnBody()
    {
        if (_body is not null)
        {
            ArrayPool<byte>.Shared.Return(_body);
            _body = null;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> unless the peer hangs up first; returns the bytes read.</summary>
    private async ValueTask<int> ReceiveExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
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
            BytesRead += read;
        }

        return done;
    }
}
