using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// SSH_MSG_KEXINIT (RFC 4253 §7.1): the lists of algorithms a side speaks, in its order of preference. Only what
/// negotiation needs is kept; the payload is kept whole because the exchange hash covers it byte for byte.
/// </summary>
internal sealed record KexInitMessage(
    byte[] Payload,
    string[] KexAlgorithms,
    string[] HostKeyAlgorithms,
    string[] CiphersClientToServer,
    string[] CiphersServerToClient,
    string[] MacsClientToServer,
    string[] MacsServerToClient,
    string[] CompressionClientToServer,
    string[] CompressionServerToClient)
{
    public const byte MessageNumber = 20;

    private const int CookieLength = 16;

    // We never encrypt anything, since we hang up before NEWKEYS; these lists only have to meet every server's, so
    // that sshd finds a match and does not log a negotiation error. Old and weak ones are offered last for that.
    private static readonly string[] Ciphers =
    [
        "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
        "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes256-cbc", "3des-cbc",
    ];

    private static readonly string[] Macs =
    [
        "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "umac-128-etm@openssh.com",
        "hmac-sha2-256", "hmac-sha2-512", "umac-128@openssh.com", "hmac-sha1",
    ];

    private static readonly string[] Compression = ["none", "zlib@openssh.com", "zlib"];

    private static readonly string[] AuthenticatedCiphers = ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"];

    /// <summary>Ours: the key exchange methods we implement and the host key algorithms the module asks for.</summary>
    public static KexInitMessage Client(IReadOnlyList<string> kexAlgorithms, IReadOnlyList<string> hostKeyAlgorithms)
    {
        var payload = new SshWireWriter()
            .Byte(MessageNumber)
            .Bytes(RandomNumberGenerator.GetBytes(CookieLength))
            .NameList(kexAlgorithms)
            .NameList(hostKeyAlgorithms)
            .NameList(Ciphers).NameList(Ciphers)
            .NameList(Macs).NameList(Macs)
            .NameList(Compression).NameList(Compression)
            .NameList([]).NameList([])
            .Byte(0) // first_kex_packet_follows: we never guess
            .UInt32(0)
            .ToArray();
        return new KexInitMessage(payload, [.. kexAlgorithms], [.. hostKeyAlgorithms], Ciphers, Ciphers, Macs, Macs, Compression, Compression);
    }

    /// <summary>The server's, from a packet's payload; throws <see cref="HostKeyExchangeException"/> when it is malformed.</summary>
    public static KexInitMessage Parse(byte[] payload)
    {
        var reader = new SshWireReader(payload);
        if (!reader.TryReadByte(out byte number) || number != MessageNumber || !reader.TrySkip(CookieLength))
        {
            throw new HostKeyExchangeException("the server's KEXINIT is cut short");
        }

        var lists = new string[10][];
        for (int i = 0; i < lists.Length; i++)
        {
            if (!reader.TryReadNameList(out lists[i]))
            {
                throw new HostKeyExchangeException($"the server's KEXINIT has a malformed name-list (list {i + 1} of 10)");
            }
        }

        // first_kex_packet_follows and the reserved word; a server has no first packet to guess in these methods.
        if (!reader.TryReadBoolean(out _) || !reader.TryReadUInt32(out _))
        {
            throw new HostKeyExchangeException("the server's KEXINIT is cut short");
        }

        return new KexInitMessage(payload, lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7]);
    }

    /// <summary>RFC 4253 §7.1: the first of the client's algorithms that the server also lists; null when none is.</summary>
    public static string? Choose(IReadOnlyList<string> client, IReadOnlyList<string> server) =>
        client.FirstOrDefault(server.Contains);

    /// <summary>
    /// Why the two sides could not agree on a cipher, MAC or compression, as sshd would find (a MAC is chosen only
    /// for a cipher that does not authenticate itself); null when they can. We check this before we send our
    /// KEXINIT, so that sshd never logs a failed negotiation for us.
    /// </summary>
    public string? MismatchBesidesKex(KexInitMessage server) =>
        Mismatch(CiphersClientToServer, MacsClientToServer, CompressionClientToServer, server.CiphersClientToServer, server.MacsClientToServer, server.CompressionClientToServer)
        ?? Mismatch(CiphersServerToClient, MacsServerToClient, CompressionServerToClient, server.CiphersServerToClient, server.MacsServerToClient, server.CompressionServerToClient);

    private static string? Mismatch(string[] ourCiphers, string[] ourMacs, string[] ourCompression, string[] ciphers, string[] macs, string[] compression)
    {
        string? cipher = Choose(ourCiphers, ciphers);
        if (cipher is null)
        {
            return $"the server offers no cipher we list (it offers {string.Join(',', ciphers)})";
        }

        if (!AuthenticatedCiphers.Contains(cipher) && Choose(ourMacs, macs) is null)
        {
            return $"the server offers no MAC we list (it offers {string.Join(',', macs)})";
        }

        return Choose(ourCompression, compression) is null ? $"the server offers no compression we list (it offers {string.Join(',', compression)})" : null;
    }
}
