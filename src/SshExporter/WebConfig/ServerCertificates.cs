using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SshExporter.WebConfig;

/// <summary>PEM text into what SslStream serves and trusts, with the failure in one line naming the key.</summary>
internal static class ServerCertificates
{
    /// <summary>The certificate (first in <paramref name="certPem"/>) with its key, and any certificates after it as the chain.</summary>
    public static SslStreamCertificateContext Load(string certPem, string keyPem, string where)
    {
        var all = ReadCertificates(certPem, $"{where}cert");
        try
        {
            var leaf = X509Certificate2.CreateFromPem(certPem, keyPem);
            return SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(all.Skip(1).ToArray()), offline: true);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new WebConfigException($"{where}key: cannot use the key with the certificate: {e.Message}", e);
        }
    }

    public static X509Certificate2Collection ReadCertificates(string pem, string where)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new WebConfigException($"{where}: not a PEM certificate: {e.Message}", e);
        }

        return certificates.Count > 0 ? certificates : throw new WebConfigException($"{where}: no PEM certificate (-----BEGIN CERTIFICATE-----) found");
    }
}
