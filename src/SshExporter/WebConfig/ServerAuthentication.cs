using System.Net.Security;

namespace SshExporter.WebConfig;

/// <summary>One TLS handshake's server options, from the web config file as it is at that moment.</summary>
internal static class ServerAuthentication
{
    public static SslServerAuthenticationOptions For(WebSettings settings, bool http2)
    {
        var tls = settings.Tls
            ?? throw new WebConfigException("tls_server_config: TLS is no longer configured; restart the exporter to serve plain HTTP");
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = tls.ServerCertificate,
            EnabledSslProtocols = tls.Protocols,
            CipherSuitesPolicy = tls.CipherSuites is null || OperatingSystem.IsWindows() ? null : new CipherSuitesPolicy(tls.CipherSuites),
            // "Required" only makes SslStream ask; whether a missing or unverified one is refused is decided below.
            ClientCertificateRequired = tls.ClientAuth.Requests(),
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => ClientCertificates.Accept(tls, certificate, chain),
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            ApplicationProtocols = http2 ? [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11] : [SslApplicationProtocol.Http11],
        };
    }
}
