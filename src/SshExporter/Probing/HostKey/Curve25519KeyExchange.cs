using System.Security.Cryptography;
using NSec.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>curve25519-sha256 (RFC 8731): X25519 from libsodium, through NSec; .NET 10 has no X25519 of its own.</summary>
internal sealed class Curve25519KeyExchange : KeyExchangeMethod
{
    private readonly Key _key = Key.Create(KeyAgreementAlgorithm.X25519);

    public Curve25519KeyExchange() => ClientPublic = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public override HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    public override byte[] ClientPublic { get; }

    public override byte[] SharedSecret(ReadOnlySpan<byte> serverPublic)
    {
        if (!NSec.Cryptography.PublicKey.TryImport(KeyAgreementAlgorithm.X25519, serverPublic, KeyBlobFormat.RawPublicKey, out var server) || server is null)
        {
            throw new HostKeyExchangeException($"the server's curve25519 public value has {serverPublic.Length} bytes, not 32");
        }

        // RFC 8731 §3: an all-zero result (a low-order point) must abort; libsodium refuses it, and NSec returns null.
        var parameters = new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var secret = KeyAgreementAlgorithm.X25519.Agree(_key, server, parameters)
            ?? throw new HostKeyExchangeException("the server's curve25519 public value is a low-order point");

        // RFC 8731 §3.1: the 32 bytes, read as an unsigned big-endian number, are K.
        return secret.Export(SharedSecretBlobFormat.RawSharedSecret);
    }

    public override void Dispose() => _key.Dispose();
}
