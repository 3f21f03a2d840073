using System.Buffers.Binary;
using System.Text;

namespace SshExporter.Probing.HostKey;

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

    public bool TryReadBoolean(out bool value)
    {
        bool read = TryReadByte(out byte b);
        value = b != 0;
        return read;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (_rest.Length < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        _rest = _rest[4..];
        return true;
    }

    public bool TrySkip(int count)
    {
        if (count < 0 || _rest.Length < count)
        {
            return false;
        }

        _rest = _rest[count..];
        return true;
    }

    /// <summary>A <c>string</c>: a uint32 length and that many bytes, which must all be there.</summary>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadUInt32(out uint length) || length > (uint)_rest.Length)
        {
            return false;
        }

        value = _rest[..(int)length];
        _rest = _rest[(int)length..];
        return true;
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

    /// <summary>A <c>name-list</c>: comma-separated ASCII names, none of them empty.</summary>
    public bool TryReadNameList(out string[] names)
    {
        names = [];
        if (!TryReadAsciiString(out string text))
        {
            return false;
        }

        if (text.Length == 0)
        {
            return true;
        }

        names = text.Split(',');
        return names.All(name => name.Length > 0);
    }
}
