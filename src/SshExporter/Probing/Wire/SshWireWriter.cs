using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SshExporter.Probing.Wire;

/// <summary>Writes RFC 4251 §5 data types, for the messages we send and the exchange hash's input.</summary>
internal sealed class SshWireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public SshWireWriter Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public SshWireWriter Bytes(ReadOnlySpan<byte> value)
    {
        _buffer.Write(value);
        return this;
    }

    public SshWireWriter UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public SshWireWriter String(ReadOnlySpan<byte> value) => UInt32((uint)value.Length).Bytes(value);

    public SshWireWriter String(string value) => String(Encoding.ASCII.GetBytes(value));

    public SshWireWriter NameList(IEnumerable<string> names) => String(string.Join(',', names));

    /// <summary>An <c>mpint</c> of a non-negative number given as unsigned big-endian bytes: no leading zeros, and a 0 byte before a high bit.</summary>
    public SshWireWriter Mpint(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var value = unsignedBigEndian.TrimStart((byte)0);
        if (!value.IsEmpty && value[0] >= 0x80)
        {
            return UInt32((uint)value.Length + 1).Byte(0).Bytes(value);
        }

        return String(value);
    }
}
