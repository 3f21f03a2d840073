using System.Numerics;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Wire;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>
/// RSA host keys that are well formed on the wire but that the crypto library will not load, or that would only
/// cost us work: the stage refuses them as the server's fault and never lets the library's exception escape.
/// </summary>
public class HostileRsaKeyTests
{
    [Theory]
    [InlineData(1, 2048)]
    [InlineData(2, 2048)]
    [InlineData(65537, 16392)]
    [InlineData(65537, 20000)]
    public void A_key_the_library_refuses_or_an_oversized_modulus_is_the_servers_fault(int exponent, int modulusBits)
    {
        byte[] key = RsaKeyBlob(exponent, modulusBits);
        byte[] signature = new SshWireWriter().String("rsa-sha2-512").String(new byte[modulusBits / 8]).ToArray();

        var refusal = Assert.Throws<HostKeyExchangeException>(
            () => HostKeySignature.Verify(HostKeyAlgorithm.RsaSha512, key, signature, new byte[64]));
        Assert.Contains("RSA host key", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>An ssh-rsa key blob (RFC 4253 §6.6) with an odd modulus of exactly <paramref name="bits"/> bits.</summary>
    private static byte[] RsaKeyBlob(int exponent, int bits)
    {
        var modulus = (BigInteger.One << (bits - 1)) + 1;
        return new SshWireWriter()
            .String("ssh-rsa")
            .String(Mpint(new BigInteger(exponent)))
            .String(Mpint(modulus))
            .ToArray();
    }

    private static byte[] Mpint(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);
}
