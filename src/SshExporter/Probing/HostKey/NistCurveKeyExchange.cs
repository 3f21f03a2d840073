using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>ecdh-sha2-nistp256/384/521 (RFC 5656 §4): the runtime's own ECDH; points are sent uncompressed.</summary>
internal sealed class NistCurveKeyExchange : KeyExchangeMethod
{
    private const byte Uncompressed = 0x04;

    private readonly ECDiffieHellman _key;
    private readonly NistCurve _curve;

    public NistCurveKeyExchange(NistCurve curve)
    {
        _curve = curve;
        Hash = curve.Hash;
        _key = ECDiffieHellman.Create(curve.Curve);
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        ClientPublic = [Uncompressed, .. point.X!, .. point.Y!];
    }

    public override HashAlgorithmName Hash { get; }

    public override byte[] ClientPublic { get; }

    public override byte[] SharedSecret(ReadOnlySpan<byte> serverPublic)
    {
        int length = _curve.CoordinateLength;
        if (serverPublic.Length != 1 + (2 * length) || serverPublic[0] != Uncompressed)
        {
            throw new HostKeyExchangeException($"the server's ECDH public value is not an uncompressed point of this curve ({serverPublic.Length} bytes)");
        }

        var point = new ECPoint
        {
            X = serverPublic.Slice(1, length).ToArray(),
            Y = serverPublic.Slice(1 + length, length).ToArray(),
        };
        try
        {
            // Importing checks that the point is on the curve (RFC 5656 §4 asks for that check).
            using var server = ECDiffieHellman.Create(new ECParameters { Curve = _curve.Curve, Q = point });
            return _key.DeriveRawSecretAgreement(server.PublicKey);
        }
        catch (CryptographicException e)
        {
            throw new HostKeyExchangeException("the server's ECDH public value is not a point on the curve", e);
        }
    }

    public override void Dispose() => _key.Dispose();
}
