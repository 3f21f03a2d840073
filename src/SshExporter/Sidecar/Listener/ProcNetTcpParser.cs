using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace SshExporter.Sidecar.Listener;

/// <summary>
/// Parses the kernel's <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c> tables (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c):
/// <c>sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...</c>.
/// </summary>
public static class ProcNetTcpParser
{
    // sl, local, remote, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode; the 11th range takes the rest of the line.
    private const int FieldsNeeded = 10;

    /// <summary>The listening sockets of a whole table; the header and malformed lines are skipped.</summary>
    public static List<ListeningSocket> ReadListening(TextReader reader)
    {
        var sockets = new List<ListeningSocket>();
        var seen = new HashSet<ulong>();
        while (reader.ReadLine() is { } line)
        {
            // The kernel prints the table page by page, so a line can repeat while sockets come and go.
            if (TryParseLine(line, out ProcNetTcpLine entry) && entry.IsListen && seen.Add(entry.Inode))
            {
                sockets.Add(new ListeningSocket(entry.LocalAddress, entry.LocalPort, entry.Inode));
            }
        }

        return sockets;
    }

    /// <summary>Parses one data line; false for the header line and anything malformed.</summary>
    public static bool TryParseLine(ReadOnlySpan<char> line, out ProcNetTcpLine entry)
    {
        entry = default;
        Span<Range> fields = stackalloc Range[FieldsNeeded + 1];
        if (line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) < FieldsNeeded)
        {
            return false;
        }

        // "0:" numbers a data line; the header's first field is "sl".
        if (!line[fields[0]].EndsWith(':')
            || !TryParseEndpoint(line[fields[1]], out IPAddress? address, out int port)
            || !int.TryParse(line[fields[3]], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int state)
            || !ulong.TryParse(line[fields[9]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode))
        {
            return false;
        }

        entry = new ProcNetTcpLine(address, port, state, inode);
        return true;
    }

    /// <summary>Decodes <c>ADDRESS:PORT</c> in hex: 8 digits for IPv4, 32 for IPv6, 4 for the port.</summary>
    public static bool TryParseEndpoint(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? address, out int port)
    {
        address = null;
        port = 0;
        int colon = text.IndexOf(':');
        if (colon < 0
            || text.Length - colon - 1 != 4
            || !ushort.TryParse(text[(colon + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort value))
        {
            return false;
        }

        // The port goes through ntohs before printing, so it reads as a plain number.
        port = value;
        return TryDecodeAddress(text[..colon], out address);
    }

    /// <summary>
    /// The kernel prints the network-order address as 32-bit words with <c>%08X</c>, each word read as a native
    /// integer: on little-endian machines every group of 4 bytes comes out reversed ("0100007F" is 127.0.0.1).
    /// Writing each word back in native order restores the bytes on either kind of machine.
    /// </summary>
    public static bool TryDecodeAddress(ReadOnlySpan<char> hex, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (hex.Length is not (8 or 32))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[hex.Length / 2];
        for (int word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.Slice(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value))
            {
                return false;
            }

            Span<byte> target = bytes.Slice(word * 4, 4);
            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(target, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(target, value);
            }
        }

        address = new IPAddress(bytes);
        return true;
    }
}
