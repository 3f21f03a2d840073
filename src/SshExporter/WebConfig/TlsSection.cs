using System.Net.Security;

namespace SshExporter.WebConfig;

/// <summary>Validates <c>tls_server_config</c> as exporter-toolkit does, loading the certificates it names.</summary>
internal static class TlsSection
{
    /// <summary>Null when the section configures no TLS (no certificate, key, client CA or client auth type), as with the toolkit.</summary>
    public static TlsSettings? Validate(TlsServerConfigModel? tls, string where, string directory, List<FileStamp> files)
    {
        if (tls is null || !IsEnabled(tls))
        {
            return null;
        }

        if (tls.CurvePreferences is { Count: > 0 })
        {
            throw new WebConfigException($"{where}curve_preferences: not supported by ssh_exporter (.NET cannot choose the key exchange groups; the system OpenSSL's defaults apply); remove the key");
        }

        string certPem = Pem(tls.Cert, tls.CertFile, "cert", where, directory, files)
            ?? throw new WebConfigException($"{where}cert_file: missing; TLS needs one of cert_file or cert");
        string keyPem = Pem(tls.Key, tls.KeyFile, "key", where, directory, files)
            ?? throw new WebConfigException($"{where}key_file: missing; TLS needs one of key_file or key");
        var certificate = ServerCertificates.Load(certPem, keyPem, where);

        var clientAuth = ClientAuthTypes.Parse(tls.ClientAuthType)
            ?? throw new WebConfigException($"{where}client_auth_type: '{tls.ClientAuthType}' is not one of {ClientAuthTypes.Names}");
        string? caPem = Pem(tls.ClientCa, tls.ClientCaFile, "client_ca", where, directory, files);
        var clientCas = caPem is null ? null : ServerCertificates.ReadCertificates(caPem, $"{where}{(tls.ClientCaFile is null ? "client_ca" : "client_ca_file")}");
        if (clientCas is not null && clientAuth == ClientAuthType.NoClientCert)
        {
            throw new WebConfigException($"{where}client_auth_type: a client CA is configured without a client auth type (RequireAndVerifyClientCert checks client certificates)");
        }

        int min = Version(tls.MinVersion, "min_version", 2, where);
        int max = Version(tls.MaxVersion, "max_version", 3, where);
        if (min > max)
        {
            throw new WebConfigException($"{where}min_version: {tls.MinVersion} is above max_version {tls.MaxVersion}");
        }

        return new TlsSettings(
            certificate,
            clientAuth,
            clientCas,
            tls.ClientAllowedSans is null ? null : [.. tls.ClientAllowedSans.Select(san => san ?? "")],
            GoTlsNames.Protocols(min, max),
            CipherSuites(tls.CipherSuites, where));
    }

    private static bool IsEnabled(TlsServerConfigModel tls) =>
        !string.IsNullOrEmpty(tls.CertFile) || !string.IsNullOrEmpty(tls.Cert) || !string.IsNullOrEmpty(tls.KeyFile) || !string.IsNullOrEmpty(tls.Key)
        || !string.IsNullOrEmpty(tls.ClientCaFile) || !string.IsNullOrEmpty(tls.ClientCa) || !string.IsNullOrEmpty(tls.ClientAuthType);

    /// <summary>The PEM of the <c>{name}_file</c> key when set (read from disk), else of the inline <c>{name}</c> key; null when neither is.</summary>
    private static string? Pem(string? inline, string? file, string name, string where, string directory, List<FileStamp> files)
    {
        if (!string.IsNullOrEmpty(file))
        {
            string path = Path.Combine(directory, file);
            files.Add(FileStamp.Of(path));
            return WebConfigLoader.ReadText(path, $"{where}{name}_file", "file");
        }

        return string.IsNullOrEmpty(inline) ? null : inline;
    }

    private static int Version(string? name, string key, int fallback, string where)
    {
        if (string.IsNullOrEmpty(name))
        {
            return fallback;
        }

        int rank = GoTlsNames.VersionRank(name)
            ?? throw new WebConfigException($"{where}{key}: '{name}' is not one of {string.Join(", ", GoTlsNames.VersionNames)}");
        return rank >= 2
            ? rank
            : throw new WebConfigException($"{where}{key}: {name} is not supported by ssh_exporter (.NET deprecates TLS 1.0 and 1.1 and OpenSSL's default security level refuses them); use TLS12 or TLS13");
    }

    private static List<TlsCipherSuite>? CipherSuites(List<string?>? names, string where)
    {
        if (names is not { Count: > 0 })
        {
            return null;
        }

        var suites = new List<TlsCipherSuite>();
        foreach (string? name in names)
        {
            var suite = GoTlsNames.CipherSuite(name ?? "")
                ?? throw new WebConfigException($"{where}cipher_suites: unknown cipher suite '{name}' (Go's crypto/tls names, such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
            if (!suites.Contains(suite) && !GoTlsNames.Tls13Suites.Contains(suite))
            {
                suites.Add(suite);
            }
        }

        // As in Go, the list picks TLS 1.2's suites only; TLS 1.3's stay on.
        return [.. suites, .. GoTlsNames.Tls13Suites];
    }
}
