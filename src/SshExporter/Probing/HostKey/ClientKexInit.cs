using System.Security.Cryptography;
using SshExporter.Probing.Wire;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// Our SSH_MSG_KEXINIT (RFC 4253 §7.1) and the negotiation against the server's, as sshd would do it. Ours is parsed
/// back with <see cref="KexInit.TryParse"/>, so both sides are the same type and the payload the exchange hash
/// covers is the one we send.
/// </summary>
internal static class ClientKexInit
{

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
    public static KexInit Create(IReadOnlyList<string> kexAlgorithms, IReadOnlyList<string> hostKeyAlgorithms)
    {
        var payload = new SshWireWriter()
            .Byte(KexInit.MessageNumber)
            .Bytes(RandomNumberGenerator.GetBytes(KexInit.CookieLength))
            .NameList(kexAlgorithms)
            .NameList(hostKeyAlgorithms)
            .NameList(Ciphers).NameList(Ciphers)
            .NameList(Macs).NameList(Macs)
            .NameList(Compression).NameList(Compression)
            .NameList([]).NameList([])
            .Byte(0) // first_kex_packet_follows: we never guess
            .UInt32(0)
            .ToArray();
        return KexInit.TryParse(payload, out var ours, out string error)
            ? ours
            : throw new InvalidOperationException($"our own KEXINIT does not parse: {error}");
    }

    /// <summary>RFC 4253 §7.1: the first of the client's algorithms that the server also lists; null when none is.</summary>
    public static string? Choose(IReadOnlyList<string> client, IReadOnlyList<string> server) =>
        client.FirstOrDefault(server.Contains);

    /// <summary>
    /// Why the two sides could not agree on a cipher, MAC or compression, as sshd would find (a MAC is chosen only
    /// for a cipher that does not authenticate itself); null when they can. We check this before we send our
    /// KEXINIT, so that sshd never logs a failed negotiation for us.
    /// </summary>
    public static string? MismatchBesidesKex(KexInit client, KexInit server) =>
        Mismatch(client.EncryptionClientToServer, client.MacClientToServer, client.CompressionClientToServer,
            server.EncryptionClientToServer, server.MacClientToServer, server.CompressionClientToServer)
        ?? Mismatch(client.EncryptionServerToClient, client.MacServerToClient, client.CompressionServerToClient,
            server.EncryptionServerToClient, server.MacServerToClient, server.CompressionServerToClient);

    private static string? Mismatch(
        IReadOnlyList<string> ourCiphers, IReadOnlyList<string> ourMacs, IReadOnlyList<string> ourCompression,
        IReadOnlyList<string> ciphers, IReadOnlyList<string> macs, IReadOnlyList<string> compression)
    {
        string? cipher = Choose(ourCiphers, ciphers);
        if (cipher is null)
        {
            return $"the server offers no cipher we list (it offers {NameListText.Join(ciphers)})";
        }

        if (!AuthenticatedCiphers.Contains(cipher) && Choose(ourMacs, macs) is null)
        {
            return $"the server offers no MAC we list (it offers {NameListText.Join(macs)})";
        }

        return Choose(ourCompression, compression) is null ? $"the server offers no compression we list (it offers {NameListText.Join(compression)})" : null;
    }
}
