using System.Security.Cryptography;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// A NIST curve as SSH uses it (RFC 5656): its name in algorithm names ("nistp256"), the runtime's curve, the length
/// of one coordinate, and the hash that goes with it, for ECDH key exchange and ECDSA host keys alike.
/// </summary>
internal sealed record NistCurve(string Name, ECCurve Curve, int CoordinateLength, HashAlgorithmName Hash)
{
    public static readonly NistCurve P256 = new("nistp256", ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256);
    public static readonly NistCurve P384 = new("nistp384", ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384);
    public static readonly NistCurve P521 = new("nistp521", ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512);

    /// <summary>The curve an algorithm name ends with ("ecdsa-sha2-nistp384", "ecdh-sha2-nistp521"); null for none.</summary>
    public static NistCurve? Of(string algorithmName) =>
        algorithmName.EndsWith(P256.Name, StringComparison.Ordinal) ? P256
        : algorithmName.EndsWith(P384.Name, StringComparison.Ordinal) ? P384
        : algorithmName.EndsWith(P521.Name, StringComparison.Ordinal) ? P521
        : null;
}
