using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>ecdh-sha2-nistp256/384/521 (RFC 5656 §4): the runtime's own ECDH; points are sent uncompressed.</summary>
internal sealed class NistCurveKeyExchange : KeyExchangeMethod
{
    private const byte Uncompressed = 0x04;

    private readonly ECDiffieHellman _key;
    private readonly ECCurve _curve;
    private readonly int _coordinateLength;

    public NistCurveKeyExchange(ECCurve curve, int coordinateLength, HashAlgorithmName hash)
    {
        _curve = curve;
        _coordinateLength = coordinateLength;
        Hash = hash;
        _key = ECDiffieHellman.Create(curve);
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        ClientPublic = [Uncompressed, .. point.X!, .. point.Y!];
    }

    public override HashAlgorithmName Hash { get; }

    public override byte[] ClientPublic { get; }

    public override byte[] SharedSecret(ReadOnlySpan<byte> serverPublic)
    {
        if (serverPublic.Length != 1 + (2 * _coordinateLength) || serverPublic[0] != Uncompressed)
        {
            throw new HostKeyExchangeException($"the server's ECDH public value is not an uncompressed point of this curve ({serverPublic.Length} bytes)");
        }

        var point = new ECPoint
        {
            X = serverPublic.Slice(1, _coordinateLength).ToArray(),
            Y = serverPublic.Slice(1 + _coordinateLength, _coordinateLength).ToArray(),
        };
        try
        {
            // Importing checks that the point is on the curve (RFC 5656 §4 asks for that check).
            using var server = ECDiffieHellman.Create(new ECParameters { Curve = _curve, Q = point });
            return _key.DeriveRawSecretAgreement(server.PublicKey);
        }
        catch (CryptographicException e)
        {
            throw new HostKeyExchangeException("the server's ECDH public value is not a point on the curve", e);
        }
    }

    public override void Dispose() => _key.Dispose();
}
