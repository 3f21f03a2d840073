using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.WebConfig;

/// <summary>
/// A self-signed certificate and its key as PEM files (cert.pem, key.pem, and a second pair, other.pem/other-key.pem),
/// made in-process for loader tests that need files to exist but no TLS peer; the TLS tests use openssl's.
/// </summary>
public sealed class PemFiles : IDisposable
{
    private readonly TempDirectory _directory = new();

    public PemFiles()
    {
        Write("cert.pem", "key.pem", "localhost");
        Write("other.pem", "other-key.pem", "other");
    }

    public string Directory => _directory.Path;

    public string CertPem => File.ReadAllText(_directory.PathOf("cert.pem"));

    public string KeyPem => File.ReadAllText(_directory.PathOf("key.pem"));

    public void Dispose() => _directory.Dispose();

    private void Write(string certFile, string keyFile, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        _directory.Write(certFile, certificate.ExportCertificatePem());
        _directory.Write(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
