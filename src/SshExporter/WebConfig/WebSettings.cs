using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SshExporter.WebConfig;

/// <summary>A validated web config file: what the server does with TLS, basic auth and response headers.</summary>
public sealed record WebSettings(
    TlsSettings? Tls,
    bool Http2,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> BasicAuthUsers)
{
    /// <summary><c>rate_limit</c>: one request per interval, bursts of <c>burst</c>; null when off (no interval, or 0).</summary>
    public (TimeSpan Interval, int Burst)? RateLimit { get; init; }
}

/// <summary>The <c>tls_server_config</c> section, certificates loaded and names turned into .NET's values.</summary>
public sealed record TlsSettings(
    SslStreamCertificateContext ServerCertificate,
    ClientAuthType ClientAuth,
    X509Certificate2Collection? ClientCas,
    IReadOnlyList<string>? ClientAllowedSans,
    SslProtocols Protocols,
    IReadOnlyList<TlsCipherSuite>? CipherSuites);
