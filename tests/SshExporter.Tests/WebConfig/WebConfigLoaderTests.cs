using System.Net.Security;
using System.Security.Authentication;
using SshExporter.Tests.Fixtures;
using SshExporter.WebConfig;

namespace SshExporter.Tests.WebConfig;

/// <summary>The web config file in exporter-toolkit's format: what it accepts, and one-line errors naming the key for what it does not.</summary>
[NeedsExporterBinary]
public sealed class WebConfigLoaderTests : IDisposable
{
    private readonly PemFiles _pem = new();

    public void Dispose() => _pem.Dispose();

    [Fact]
    public void A_full_file_as_the_toolkit_documents_it_is_read_with_paths_relative_to_its_directory()
    {
        var settings = Parse("""
            tls_server_config:
              cert_file: cert.pem
              key_file: key.pem
              client_ca_file: other.pem
              client_auth_type: RequireAndVerifyClientCert
              client_allowed_sans: [prometheus.example.invalid]
              min_version: TLS12
              max_version: TLS13
              cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]
              prefer_server_cipher_suites: true
            http_server_config:
              http2: false
              headers:
                Content-Security-Policy: default-src 'none'
                X-Frame-Options: sameorigin
                X-Content-Type-Options: nosniff
                Strict-Transport-Security: max-age=31536000
                X-XSS-Protection: ""
            basic_auth_users:
              carol: $2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu
            """);

        var tls = Assert.IsType<TlsSettings>(settings.Tls);
        Assert.Equal("CN=localhost", tls.ServerCertificate.TargetCertificate.Subject);
        Assert.Equal(ClientAuthType.RequireAndVerifyClientCert, tls.ClientAuth);
        Assert.Equal("CN=other", Assert.Single(tls.ClientCas!).Subject);
        Assert.Equal(["prometheus.example.invalid"], tls.ClientAllowedSans);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, tls.Protocols);
        // TLS 1.3's suites are not Go's to choose: they stay on after the chosen TLS 1.2 ones.
        Assert.Equal(
            [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
             TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256],
            tls.CipherSuites);
        Assert.False(settings.Http2);
        Assert.Equal(4, settings.Headers.Count);
        Assert.Equal("sameorigin", settings.Headers["X-Frame-Options"]);
        Assert.Equal("$2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu", settings.BasicAuthUsers["carol"]);
    }

    [Theory]
    [InlineData("rate_limit: {interval: 1m30s, burst: 10}", 90_000, 10)]
    [InlineData("rate_limit: {interval: 250ms, burst: 1}", 250, 1)]
    [InlineData("rate_limit: {interval: 1.5s, burst: 2}", 1_500, 2)]
    [InlineData("rate_limit: {interval: 0, burst: 5}", 0, 0)]
    [InlineData("rate_limit: {burst: 5}", 0, 0)]
    public void A_rate_limit_is_read_with_Gos_durations_and_is_off_without_an_interval(string yaml, int milliseconds, int burst) =>
        Assert.Equal(milliseconds == 0 ? null : (TimeSpan.FromMilliseconds(milliseconds), burst), Parse(yaml).RateLimit);

    [Fact]
    public void Inline_cert_and_key_serve_as_the_files_do() =>
        Assert.Equal("CN=localhost", Parse($"tls_server_config:\n  cert: |\n{Indent(_pem.CertPem)}  key: |\n{Indent(_pem.KeyPem)}").Tls!.ServerCertificate.TargetCertificate.Subject);

    [Theory]
    [InlineData("")]
    [InlineData("basic_auth_users: {}\n")]
    [InlineData("tls_server_config:\n  min_version: TLS13\n")]
    [InlineData("tls_server_config: {cert_file: \"\", key_file: \"\"}\n")]
    public void Without_a_certificate_key_client_CA_or_client_auth_type_TLS_is_off_as_with_the_toolkit(string yaml) =>
        Assert.Null(Parse(yaml).Tls);

    [Theory]
    [InlineData("tls_server_config: {cert_file: cert.pem}", "tls_server_config.key_file: missing")]
    [InlineData("tls_server_config: {key_file: key.pem}", "tls_server_config.cert_file: missing")]
    [InlineData("tls_server_config: {cert_file: nothing.pem, key_file: key.pem}", "tls_server_config.cert_file: cannot read")]
    [InlineData("tls_server_config: {cert_file: key.pem, key_file: key.pem}", "tls_server_config.cert: no PEM certificate")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: other-key.pem}", "tls_server_config.key: cannot use the key with the certificate")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, client_auth_type: Sometimes}", "tls_server_config.client_auth_type: 'Sometimes' is not one of NoClientCert, RequestClientCert")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, client_ca_file: other.pem}", "tls_server_config.client_auth_type: a client CA is configured without")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, client_ca_file: key.pem, client_auth_type: RequireAndVerifyClientCert}", "tls_server_config.client_ca_file: no PEM certificate")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, min_version: TLS14}", "tls_server_config.min_version: 'TLS14' is not one of TLS10, TLS11, TLS12, TLS13")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, min_version: TLS10}", "tls_server_config.min_version: TLS10 is not supported")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, max_version: TLS11}", "tls_server_config.max_version: TLS11 is not supported")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, min_version: TLS13, max_version: TLS12}", "tls_server_config.min_version: TLS13 is above max_version TLS12")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]}", "tls_server_config.cipher_suites: unknown cipher suite 'TLS_RSA_WITH_RC4_128_SHA'")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, curve_preferences: [X25519]}", "tls_server_config.curve_preferences: not supported")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, prefer_server_cipher_suites: maybe}", "'maybe' is not a boolean")]
    [InlineData("tls_server_config: {cert_file: cert.pem, key_file: key.pem, cert_flie: x}", "unknown key 'cert_flie'")]
    [InlineData("http_server_config: {headers: {Server: nginx}}", "http_server_config.headers: HTTP header 'Server' cannot be configured")]
    [InlineData("!!i+4]xp\nbasic_auth_users: {}", "web.yml:1:9: Global tags must be valid URIs.")]
    [InlineData("http_server_config: {headers: {X-Frame-Options: allow}}", "http_server_config.headers.X-Frame-Options: 'allow' is not one of deny, sameorigin")]
    [InlineData("http_server_config: {headers: {X-Content-Type-Options: sniff}}", "http_server_config.headers.X-Content-Type-Options: 'sniff' is not one of nosniff")]
    [InlineData("http_server_config: {http2: sometimes}", "'sometimes' is not a boolean")]
    [InlineData("basic_auth_users: {carol: carol123}", "basic_auth_users.carol: not a bcrypt hash")]
    [InlineData("basic_auth_users: {carol: }", "basic_auth_users.carol: not a bcrypt hash")]
    [InlineData("basic_auth_users: {carol: $2y$03$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu}", "basic_auth_users.carol: not a bcrypt hash")]
    [InlineData("basic_auth_users: [carol]", "web.yml:1:19: expected a mapping")]
    [InlineData("rate_limit: {interval: soon, burst: 10}", "rate_limit.interval: 'soon' is not a duration")]
    [InlineData("rate_limit: {interval: 1s}", "rate_limit.burst: must be at least 1")]
    [InlineData("rate_limit: {interval: 1s, burst: many}", "web.yml:1:")]
    [InlineData("tls_server_config: {}\ntls_server_config: {}", "duplicate key 'tls_server_config'")]
    [InlineData("tls_server_config: [", "web.yml:1:")]
    public void A_bad_file_is_refused_in_one_line_that_names_the_key(string yaml, string expected)
    {
        var e = Assert.Throws<WebConfigException>(() => Parse(yaml));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("web.yml", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_file_that_is_not_there_is_refused_naming_it() =>
        Assert.StartsWith("/nonexistent/web.yml: cannot read the web config file", Assert.Throws<WebConfigException>(() => WebConfigLoader.Load("/nonexistent/web.yml")).Message, StringComparison.Ordinal);

    [Fact]
    public void Each_file_read_is_listed_so_that_a_change_to_any_of_them_is_noticed()
    {
        var (_, files) = WebConfigLoader.Parse("tls_server_config: {cert_file: cert.pem, key_file: key.pem, client_ca_file: other.pem, client_auth_type: VerifyClientCertIfGiven}", "web.yml", _pem.Directory);

        Assert.Equal(["cert.pem", "key.pem", "other.pem"], files.Select(file => Path.GetFileName(file.Path)));
    }

    [Fact]
    public async Task The_exporter_stops_at_startup_with_one_line_and_exit_code_1_on_a_bad_file()
    {
        using var directory = new TempDirectory();
        string file = directory.Write("web.yml", "basic_auth_users:\n  carol: carol123\n");

        var (exitCode, output) = await ExporterProcess.RunAsync($"--web.config.file={file}", $"--web.listen-address=127.0.0.1:{ClosedPort.Find()}");

        Assert.Equal(1, exitCode);
        Assert.Equal($"error loading web config: {file}: basic_auth_users.carol: not a bcrypt hash", output.Trim().Split(" (like")[0]);
    }

    private static string Indent(string pem) => string.Concat(pem.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $"    {line}\n"));

    private WebSettings Parse(string yaml) => WebConfigLoader.Parse(yaml, "web.yml", _pem.Directory).Settings;
}
