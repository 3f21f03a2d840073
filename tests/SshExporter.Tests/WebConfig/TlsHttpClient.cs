using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SshExporter.Tests.WebConfig;

/// <summary>An HttpClient for an exporter serving TLS on localhost: trusts only the test CA, optionally shows the client certificate and a password.</summary>
public static class TlsHttpClient
{
    public static HttpClient Create(OpenSslCertificates certificates, int port, bool clientCertificate = false, (string User, string Password)? basicAuth = null)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(certificates.CaCert);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { ca },
        };
        if (clientCertificate)
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(certificates.ClientCert, certificates.ClientKey)];
        }

        var http = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        if (basicAuth is var (user, password))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return http;
    }
}
