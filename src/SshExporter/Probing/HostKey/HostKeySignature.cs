using System.Security.Cryptography;
using NSec.Cryptography;
using SshExporter.Probing.Wire;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// Checks the server's signature over the exchange hash with the host key it sent (RFC 4253 §8, RFC 5656 §3.1,
/// RFC 8709, RFC 8332). Every failure throws <see cref="HostKeyExchangeException"/> with what was wrong.
/// </summary>
internal static class HostKeySignature
{
    /// <summary>OpenSSH's client refuses smaller RSA keys (RequiredRSASize, 1024 since 9.1); so do we.</summary>
    public const int MinRsaBits = 1024;

    /// <summary>OpenSSH's own ceiling (OPENSSL_RSA_MAX_MODULUS_BITS): a larger modulus is only work for us.</summary>
    public const int MaxRsaBits = 16384;

    public static void Verify(HostKeyAlgorithm algorithm, ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> exchangeHash)
    {
        var key = new SshWireReader(keyBlob);
        if (!key.TryReadAsciiString(out string keyType) || keyType != algorithm.KeyType)
        {
            throw new HostKeyExchangeException($"the server negotiated {algorithm.Name} but sent a host key of type {InputExcerpt.Quote(keyType)}");
        }

        var signature = new SshWireReader(signatureBlob);
        if (!signature.TryReadAsciiString(out string signatureName) || !signature.TryReadString(out var signatureBytes) || signature.Remaining != 0)
        {
            throw new HostKeyExchangeException("the server's signature blob is malformed");
        }

        if (signatureName != algorithm.Name)
        {
            throw new HostKeyExchangeException($"the server negotiated {algorithm.Name} but signed with {InputExcerpt.Quote(signatureName)}");
        }

        bool valid = algorithm.KeyType switch
        {
            "ssh-ed25519" => VerifyEd25519(ref key, signatureBytes, exchangeHash),
            "ssh-rsa" => VerifyRsa(ref key, algorithm, signatureBytes, exchangeHash),
            _ => VerifyEcdsa(ref key, algorithm, signatureBytes, exchangeHash),
        };
        if (!valid)
        {
            throw new HostKeyExchangeException($"the server's {algorithm.Name} signature over the exchange hash does not verify with the host key it sent");
        }
    }

    private static bool VerifyEd25519(ref SshWireReader key, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        if (!key.TryReadString(out var publicKey) || key.Remaining != 0
            || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var imported) || imported is null)
        {
            throw new HostKeyExchangeException("the server's ssh-ed25519 host key is malformed");
        }

        return signature.Length == SignatureAlgorithm.Ed25519.SignatureSize && SignatureAlgorithm.Ed25519.Verify(imported, data, signature);
    }

    private static bool VerifyEcdsa(ref SshWireReader key, HostKeyAlgorithm algorithm, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        var (curveName, curve, length, hash) = NistCurve.Of(algorithm.Name) ?? NistCurve.P521;
        if (!key.TryReadAsciiString(out string identifier) || identifier != curveName || !key.TryReadString(out var point) || key.Remaining != 0
            || point.Length != 1 + (2 * length) || point[0] != 0x04)
        {
            throw new HostKeyExchangeException($"the server's {algorithm.Name} host key is malformed");
        }

        // The signature is an mpint r and an mpint s; the runtime takes them as two fixed-width halves.
        var rs = new SshWireReader(signature);
        var fixedWidth = new byte[2 * length];
        if (!TryReadUnsigned(ref rs, fixedWidth.AsSpan(0, length)) || !TryReadUnsigned(ref rs, fixedWidth.AsSpan(length)) || rs.Remaining != 0)
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = point.Slice(1, length).ToArray(), Y = point.Slice(1 + length, length).ToArray() },
            });
            return ecdsa.VerifyData(data, fixedWidth, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException e)
        {
            throw new HostKeyExchangeException($"the server's {algorithm.Name} host key is not a point on the curve", e);
        }
    }

    private static bool VerifyRsa(ref SshWireReader key, HostKeyAlgorithm algorithm, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        if (!TryReadMpint(ref key, out var exponent) || !TryReadMpint(ref key, out var modulus) || key.Remaining != 0 || exponent.IsEmpty || modulus.IsEmpty)
        {
            throw new HostKeyExchangeException("the server's ssh-rsa host key is malformed");
        }

        int bits = (modulus.Length * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) + 24;
        if (bits < MinRsaBits)
        {
            throw new HostKeyExchangeException($"the server's RSA host key has {bits} bits, fewer than {MinRsaBits}");
        }

        if (bits > MaxRsaBits)
        {
            throw new HostKeyExchangeException($"the server's RSA host key has {bits} bits, more than {MaxRsaBits}");
        }

        // OpenSSH accepts a signature shorter than the modulus (leading zeros left out); the runtime wants it whole.
        if (signature.Length > modulus.Length)
        {
            return false;
        }

        var padded = new byte[modulus.Length];
        signature.CopyTo(padded.AsSpan(modulus.Length - signature.Length));
        var hash = algorithm.Name switch
        {
            "rsa-sha2-512" => HashAlgorithmName.SHA512,
            "rsa-sha2-256" => HashAlgorithmName.SHA256,
            _ => HashAlgorithmName.SHA1,
        };
        try
        {
            using var rsa = RSA.Create(new RSAParameters { Exponent = exponent.ToArray(), Modulus = modulus.ToArray() });
            return rsa.VerifyData(data, padded, hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            // A key the crypto library will not load (an exponent of 1 or 2, say) is the server's fault, not ours.
            throw new HostKeyExchangeException($"the server's RSA host key cannot be used: {e.Message}");
        }
    }

    /// <summary>A non-negative mpint, without its leading zero bytes.</summary>
    private static bool TryReadMpint(ref SshWireReader reader, out ReadOnlySpan<byte> value)
    {
        if (!reader.TryReadString(out value) || (!value.IsEmpty && value[0] >= 0x80))
        {
            return false;
        }

        value = value.TrimStart((byte)0);
        return true;
    }

    /// <summary>A non-negative mpint into a fixed-width big-endian field; false when it does not fit.</summary>
    private static bool TryReadUnsigned(ref SshWireReader reader, Span<byte> field)
    {
        if (!TryReadMpint(ref reader, out var value) || value.Length > field.Length)
        {
            return false;
        }

        value.CopyTo(field[(field.Length - value.Length)..]);
        return true;
    }
}
