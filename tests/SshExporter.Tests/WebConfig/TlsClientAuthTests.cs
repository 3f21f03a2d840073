using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.WebConfig;

/// <summary>
/// <c>--web.config.file</c> as node_exporter's users write it, against the exporter's own process with openssl-made
/// certificates and curl: client certificates from the configured CA only, then a bcrypt password, on every endpoint.
/// </summary>
[NeedsTool("openssl")]
[NeedsTool("curl")]
[NeedsExporterBinary]
public class TlsClientAuthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Curl_gets_in_only_with_a_certificate_of_the_client_CA_and_the_right_password()
    {
        using var directory = new TempDirectory();
        var certificates = await OpenSslCertificates.CreateAsync(directory.Path, Token);
        await using var exporter = await TlsExporter.StartAsync(certificates, $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_ca_file: ca.crt
              client_auth_type: RequireAndVerifyClientCert
            http_server_config:
              http2: false
              headers:
                X-Frame-Options: deny
            basic_auth_users:
              {TlsExporter.User}: {TlsExporter.Hash}
            """, port => TlsHttpClient.Create(certificates, port, clientCertificate: true, (TlsExporter.User, TlsExporter.Password)));
        string[] client = ["--cert", certificates.ClientCert, "--key", certificates.ClientKey];
        string[] password = ["-u", $"{TlsExporter.User}:{TlsExporter.Password}"];

        var allowed = await Curl.GetAsync(exporter, "/metrics", [.. client, .. password]);
        Assert.True(allowed.Status == 200, allowed.ToString());
        Assert.Contains("x-frame-options: deny", allowed.Headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("1.1", (await Curl.GetAsync(exporter, "/-/healthy", [.. client, .. password, "--http2"])).HttpVersion);

        foreach (string[] wrong in new[] { ["-u", $"{TlsExporter.User}:wrong"], ["-u", $"nobody:{TlsExporter.Password}"], Array.Empty<string>() })
        {
            foreach (string path in new[] { "/metrics", "/-/healthy", "/" })
            {
                var refused = await Curl.GetAsync(exporter, path, [.. client, .. wrong]);
                Assert.True(refused.Status == 401, $"{path} {string.Join(' ', wrong)}: {refused}");
                Assert.Contains("www-authenticate: Basic", refused.Headers, StringComparison.OrdinalIgnoreCase);
            }
        }

        var noCertificate = await Curl.GetAsync(exporter, "/metrics", password);
        Assert.True(noCertificate is { Status: 0, ExitCode: not 0 }, noCertificate.ToString());
        var stranger = await Curl.GetAsync(exporter, "/metrics", ["--cert", certificates.StrangerCert, "--key", certificates.StrangerKey, .. password]);
        Assert.True(stranger is { Status: 0, ExitCode: not 0 }, stranger.ToString());

        Assert.False(exporter.Process.HasExited, exporter.Process.Output);
        var again = await Curl.GetAsync(exporter, "/-/healthy", [.. client, .. password]);
        Assert.True(again.Status == 200, again.ToString());

        // client_allowed_sans narrows the CA's certificates to the listed names; read again for the next connection.
        string file = await File.ReadAllTextAsync(exporter.WebConfig, Token);
        string Allowing(string name) => file.Replace("client_auth_type: RequireAndVerifyClientCert", $"client_auth_type: RequireAndVerifyClientCert\n  client_allowed_sans: [{name}]", StringComparison.Ordinal);
        await File.WriteAllTextAsync(exporter.WebConfig, Allowing("someone-else.invalid"), Token);
        var otherName = await Curl.GetAsync(exporter, "/-/healthy", [.. client, .. password]);
        Assert.True(otherName is { Status: 0, ExitCode: not 0 }, otherName.ToString());
        await File.WriteAllTextAsync(exporter.WebConfig, Allowing(OpenSslCertificates.ClientName), Token);
        var listedName = await Curl.GetAsync(exporter, "/-/healthy", [.. client, .. password]);
        Assert.True(listedName.Status == 200, listedName.ToString());
    }
}
