using System.Net.Sockets;
using System.Text;

namespace SshExporter.Probing;

/// <summary>
/// Reads the server's identification line (RFC 4253 §4.2) from a connected socket without reading past it:
/// it peeks, then consumes exactly up to the line feed, so whatever follows stays in the socket for a later
/// phase. Lines before "SSH-" are skipped; CR LF or a bare LF ends a line. Memory is fixed and the bytes it
/// will read are capped, so a peer that floods data ends the read early; the deadline is the caller's token.
/// </summary>
public sealed class IdentificationReader(Socket socket, ProbeTrace? trace = null)
{
    /// <summary>Bytes read before giving up on finding an identification among other lines.</summary>
    public const int MaxPreambleBytes = 8 * 1024;

    private const int PeekSize = 512;
    private const int ForeignSampleLength = 64;

    // What OpenSSH writes before it drops a connection it will not serve (sshd.c, drop_connection): over its
    // MaxStartups limit, or, from 9.8 on, from a source address that PerSourcePenalties or PerSourceMaxStartups block.
    private static readonly byte[][] RefusalNotices = ["Exceeded MaxStartups"u8.ToArray(), "Not allowed at this time"u8.ToArray()];

    private readonly byte[] _buffer = new byte[PeekSize];
    private int _lineLength;
    private readonly byte[] _line = new byte[SshIdentification.MaxLineLength];

    /// <summary>
    /// The identification line exactly as the server sent it, without CR LF; null until one parsed. The key exchange
    /// hash covers it byte for byte, trailing spaces included, which the parsed parts cannot give back.
    /// </summary>
    public string? Line { get; private set; }

    /// <summary>Bytes consumed so far: what the classifier needs when the read ends in a hang-up or a timeout.</summary>
    public int BytesRead { get; private set; }

    /// <summary>
    /// Whether the unfinished line so far is (the start of) an identification: a server that stalls or hangs up
    /// halfway through "SSH-2.0-…" is a hung or dying sshd, not another service.
    /// </summary>
    public bool PartialIdentification
    {
        get
        {
            int compared = Math.Min(_lineLength, 4);
            return _lineLength > 0 && _line.AsSpan(0, compared).SequenceEqual("SSH-"u8[..compared]);
        }
    }

    public async ValueTask<BannerObservation> ReadAsync(CancellationToken cancellationToken)
    {
        _lineLength = 0;
        bool lineOverflowed = false;
        while (true)
        {
            int peeked = await socket.ReceiveAsync(_buffer, SocketFlags.Peek, cancellationToken);
            if (peeked == 0)
            {
                trace?.Write($"Peer closed the connection after {BytesRead} bytes");
                return new BannerObservation(BannerEnd.PeerClosed, BytesRead, FromSshd: PartialIdentification);
            }

            int newline = _buffer.AsSpan(0, peeked).IndexOf((byte)'\n');
            int take = newline >= 0 ? newline + 1 : peeked;
            await ConsumeAsync(take, cancellationToken);

            ReadOnlySpan<byte> chunk = _buffer.AsSpan(0, newline >= 0 ? newline : take);
            if (chunk.Contains((byte)0))
            {
                return NotSsh("a NUL byte arrived before any identification");
            }

            int room = _line.Length - _lineLength;
            chunk[..Math.Min(room, chunk.Length)].CopyTo(_line.AsSpan(_lineLength));
            lineOverflowed |= chunk.Length > room;
            _lineLength += Math.Min(room, chunk.Length);

            // An SSH- line that outgrows the limit is wrong already; other long lines are skipped.
            if (lineOverflowed && _line.AsSpan().StartsWith("SSH-"u8))
            {
                return NotSsh($"identification line longer than {SshIdentification.MaxLineLength} characters");
            }

            if (newline >= 0)
            {
                ReadOnlySpan<byte> line = _line.AsSpan(0, _lineLength);
                if (line.EndsWith("\r"u8))
                {
                    line = line[..^1];
                }

                if (line.StartsWith("SSH-"u8))
                {
                    return Parse(line);
                }

                if (IsRefusalNotice(line))
                {
                    // sshd hangs up right after its notice; nothing that follows can change the verdict.
                    trace?.Write($"sshd turned this connection away: {Sample(line)}");
                    return new BannerObservation(BannerEnd.SshdRefused, BytesRead);
                }

                trace?.Write($"Skipped a line that is not an identification: {Sample(line)}");
                _lineLength = 0;
                lineOverflowed = false;
            }

            if (BytesRead >= MaxPreambleBytes)
            {
                return NotSsh($"no identification line in the first {MaxPreambleBytes} bytes");
            }
        }
    }

    private static bool IsRefusalNotice(ReadOnlySpan<byte> line)
    {
        foreach (byte[] notice in RefusalNotices)
        {
            if (line.SequenceEqual(notice))
            {
                return true;
            }
        }

        return false;
    }

    private BannerObservation Parse(ReadOnlySpan<byte> line)
    {
        if (!SshIdentification.TryParse(line, out var identification))
        {
            return NotSsh($"malformed identification line: {Sample(line)}");
        }

        Line = Encoding.ASCII.GetString(line);
        trace?.Write($"Received identification: {identification}");
        return new BannerObservation(BannerEnd.Identified, BytesRead, identification);
    }

    private BannerObservation NotSsh(string reason)
    {
        trace?.Write($"Not an SSH server: {reason}");
        return new BannerObservation(BannerEnd.NotSsh, BytesRead);
    }

    // The bytes were already peeked, so they are in the socket's buffer and arrive at once.
    private async ValueTask ConsumeAsync(int count, CancellationToken cancellationToken)
    {
        int done = 0;
        while (done < count)
        {
            int read = await socket.ReceiveAsync(_buffer.AsMemory(done, count - done), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        BytesRead += done;
    }

    /// <summary>A short printable excerpt of a peer's line for the debug trace, never for a label.</summary>
    private static string Sample(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder();
        foreach (byte b in line[..Math.Min(line.Length, ForeignSampleLength)])
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        }

        return line.Length > ForeignSampleLength ? $"\"{text}…\"" : $"\"{text}\"";
    }
}
