using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// One ephemeral Diffie-Hellman exchange (the client's half, then the shared secret from the server's half) and the
/// hash that makes the exchange hash. Only what is needed to check the server's signature: no session keys.
/// </summary>
internal abstract class KeyExchangeMethod : IDisposable
{
    /// <summary>The methods we offer, best first: every OpenSSH since 6.5 has the first, older ones the NIST curves.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521"];

    /// <summary>The exchange's hash: SHA-256 for curve25519 and nistp256, SHA-384 for nistp384, SHA-512 for nistp521.</summary>
    public abstract HashAlgorithmName Hash { get; }

    /// <summary>Our ephemeral public value (Q_C), sent in SSH_MSG_KEX_ECDH_INIT.</summary>
    public abstract byte[] ClientPublic { get; }

    public static KeyExchangeMethod Create(string name) => name switch
    {
        "curve25519-sha256" or "curve25519-sha256@libssh.org" => new Curve25519KeyExchange(),
        "ecdh-sha2-nistp256" or "ecdh-sha2-nistp384" or "ecdh-sha2-nistp521" => new NistCurveKeyExchange(NistCurve.Of(name)!),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a key exchange method we implement"),
    };

    /// <summary>
    /// The shared secret K as unsigned big-endian bytes, from the server's public value (Q_S); throws
    /// <see cref="HostKeyExchangeException"/> when that value is not a valid point.
    /// </summary>
    public abstract byte[] SharedSecret(ReadOnlySpan<byte> serverPublic);

    public abstract void Dispose();
}
