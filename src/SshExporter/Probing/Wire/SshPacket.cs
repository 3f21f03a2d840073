namespace SshExporter.Probing.Wire;

/// <summary>
/// One packet <see cref="SshPacketReader"/> read: its payload (never empty, message number first), or why there is
/// none. The payload lives in the reader's buffer, valid until its next read.
/// </summary>
public readonly record struct SshPacket(ReadOnlyMemory<byte> Payload, string Failure)
{
    public bool Received => Failure.Length == 0;

    public byte MessageNumber => Payload.Span[0];

    public static SshPacket Failed(string failure) => new(ReadOnlyMemory<byte>.Empty, failure);
}
