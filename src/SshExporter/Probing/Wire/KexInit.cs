using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SshExporter.Probing.Wire;

/// <summary>
/// An SSH_MSG_KEXINIT (RFC 4253 §7.1), the server's or our own: what it offers, as its ten name-lists in wire
/// order. Parsed by <see cref="TryParse"/>, a pure function over a span that checks every length before it slices,
/// so hostile bytes give a reason and never an exception or a read past the payload.
/// </summary>
public sealed class KexInit
{
    public const byte MessageNumber = 20;

    /// <summary>The random cookie that opens every KEXINIT (RFC 4253 §7.1).</summary>
    public const int CookieLength = 16;

    /// <summary>The name-lists' field names in RFC 4253 §7.1, in wire order: for the debug report.</summary>
    public static IReadOnlyList<string> ListNames { get; } =
    [
        "kex_algorithms",
        "server_host_key_algorithms",
        "encryption_algorithms_client_to_server",
        "encryption_algorithms_server_to_client",
        "mac_algorithms_client_to_server",
        "mac_algorithms_server_to_client",
        "compression_algorithms_client_to_server",
        "compression_algorithms_server_to_client",
        "languages_client_to_server",
        "languages_server_to_client",
    ];

    private readonly IReadOnlyList<string>[] _lists;

    public KexInit(IReadOnlyList<IReadOnlyList<string>> lists, bool firstKexPacketFollows, byte[]? payload = null)
    {
        if (lists.Count != ListNames.Count)
        {
            throw new ArgumentException($"a KEXINIT has {ListNames.Count} name-lists, not {lists.Count}", nameof(lists));
        }

        _lists = [.. lists];
        FirstKexPacketFollows = firstKexPacketFollows;
        Payload = payload ?? [];
    }

    /// <summary>All ten, in wire order (as <see cref="ListNames"/> names them).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Lists => _lists;

    public IReadOnlyList<string> KexAlgorithms => _lists[0];

    public IReadOnlyList<string> ServerHostKeyAlgorithms => _lists[1];

    public IReadOnlyList<string> EncryptionClientToServer => _lists[2];

    public IReadOnlyList<string> EncryptionServerToClient => _lists[3];

    public IReadOnlyList<string> MacClientToServer => _lists[4];

    public IReadOnlyList<string> MacServerToClient => _lists[5];

    public IReadOnlyList<string> CompressionClientToServer => _lists[6];

    public IReadOnlyList<string> CompressionServerToClient => _lists[7];

    public IReadOnlyList<string> LanguagesClientToServer => _lists[8];

    public IReadOnlyList<string> LanguagesServerToClient => _lists[9];

    public bool FirstKexPacketFollows { get; }

    /// <summary>The message as it was parsed, byte for byte: the key exchange hash covers both sides' KEXINITs whole.</summary>
    public byte[] Payload { get; }

    /// <summary>
    /// Parses a packet's payload: byte 20, a 16-byte cookie, ten name-lists (uint32 length, comma-separated names),
    /// boolean first_kex_packet_follows, uint32 reserved. The reserved value and any bytes after it are ignored, as
    /// OpenSSH ignores them. Names keep printable ASCII; any other byte becomes '?', so no name can carry control
    /// characters into a trace; empty names between commas are dropped.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out KexInit? kexInit, out string error)
    {
        kexInit = null;
        if (payload.IsEmpty)
        {
            error = "empty payload";
            return false;
        }

        if (payload[0] != MessageNumber)
        {
            error = $"message {payload[0]}, not KEXINIT ({MessageNumber})";
            return false;
        }

        var reader = new SshWireReader(payload[1..]);
        if (!reader.TryReadBytes(CookieLength, out _))
        {
            error = "cut short in the cookie";
            return false;
        }

        var lists = new IReadOnlyList<string>[ListNames.Count];
        for (int i = 0; i < lists.Length; i++)
        {
            if (!reader.TryReadUInt32(out uint length))
            {
                error = $"cut short before {ListNames[i]}";
                return false;
            }

            if (!reader.TryReadBytes(length, out var list))
            {
                error = $"{ListNames[i]} claims {length} bytes where {reader.Remaining} remain";
                return false;
            }

            lists[i] = SplitNames(list);
        }

        // first_kex_packet_follows, then the reserved uint32.
        if (!reader.TryReadByte(out byte follows) || !reader.TryReadUInt32(out _))
        {
            error = "cut short before first_kex_packet_follows and the reserved field";
            return false;
        }

        kexInit = new KexInit(lists, firstKexPacketFollows: follows != 0, payload.ToArray());
        error = "";
        return true;
    }

    // Two passes over the list, counting then copying, so the only allocations are the names and one array of them:
    // this runs on every probe.
    private static string[] SplitNames(ReadOnlySpan<byte> list)
    {
        int count = 0;
        foreach (var range in list.Split((byte)','))
        {
            count += list[range].IsEmpty ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        var names = new string[count];
        int next = 0;
        foreach (var range in list.Split((byte)','))
        {
            var name = list[range];
            if (!name.IsEmpty)
            {
                names[next++] = Printable(name);
            }
        }

        return names;
    }

    private static string Printable(ReadOnlySpan<byte> name)
    {
        if (name.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7e) < 0)
        {
            return Encoding.ASCII.GetString(name);
        }

        Span<char> chars = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            chars[i] = name[i] is > 0x20 and < 0x7f ? (char)name[i] : '?';
        }

        return new string(chars);
    }
}
