using System.Buffers.Binary;
using System.Text;

namespace SshExporter.Probing.Wire;

/// <summary>
/// Reads RFC 4251 §5 data types from a packet the peer sent. Every read checks the bounds first and says false
/// when the data is short, so a truncated or lying length field can never read past the packet.
/// </summary>
internal ref struct SshWireReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly int Remaining => _rest.Length;

    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (_rest.IsEmpty)
        {
            return false;
        }

        value = _rest[0];
        _rest = _rest[1..];
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (_rest.Length < sizeof(uint))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        _rest = _rest[sizeof(uint)..];
        return true;
    }

    /// <summary>The next <paramref name="count"/> bytes, when that many remain.</summary>
    public bool TryReadBytes(uint count, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (count > (uint)_rest.Length)
        {
            return false;
        }

        value = _rest[..(int)count];
        _rest = _rest[(int)count..];
        return true;
    }

    /// <summary>A <c>string</c>: a uint32 length and that many bytes, which must all be there.</summary>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        return TryReadUInt32(out uint length) && TryReadBytes(length, out value);
    }

    /// <summary>A <c>string</c> of printable ASCII, as algorithm and key type names are.</summary>
    public bool TryReadAsciiString(out string value)
    {
        value = "";
        if (!TryReadString(out var bytes) || bytes.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7e) >= 0)
        {
            return false;
        }

        value = Encoding.ASCII.GetString(bytes);
        return true;
    }
}
