using System.Net.Security;
using System.Security.Authentication;

namespace SshExporter.WebConfig;

/// <summary>
/// The names exporter-toolkit's files use for TLS versions and cipher suites (Go's crypto/tls names), in .NET's terms.
/// </summary>
internal static class GoTlsNames
{
    public static readonly IReadOnlyList<string> VersionNames = ["TLS10", "TLS11", "TLS12", "TLS13"];

    /// <summary>Go's <c>tls.CipherSuites()</c>, the ones exporter-toolkit accepts; .NET's enum spells them the same way.</summary>
    public static readonly IReadOnlyList<string> CipherSuiteNames =
    [
        "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_RSA_WITH_AES_256_CBC_SHA",
        "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    ];

    /// <summary>TLS 1.3's suites, which Go does not let a config choose: they are always on, so they join any chosen list.</summary>
    public static readonly IReadOnlyList<TlsCipherSuite> Tls13Suites =
        [TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256];

    /// <summary>TLS 1.2 is 2, TLS 1.3 is 3; TLS 1.0 and 1.1 are 0 and 1, only so that they can be named in an error.</summary>
    public static int? VersionRank(string name) => name switch
    {
        "TLS10" => 0,
        "TLS11" => 1,
        "TLS12" => 2,
        "TLS13" => 3,
        _ => null,
    };

    /// <summary>The protocols from <paramref name="minRank"/> to <paramref name="maxRank"/>, both of them 2 or 3.</summary>
    public static SslProtocols Protocols(int minRank, int maxRank) =>
        (minRank <= 2 && maxRank >= 2 ? SslProtocols.Tls12 : SslProtocols.None) | (maxRank >= 3 ? SslProtocols.Tls13 : SslProtocols.None);

    public static TlsCipherSuite? CipherSuite(string name) =>
        CipherSuiteNames.Contains(name) && Enum.TryParse<TlsCipherSuite>(name, out var suite) ? suite : null;
}
