using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.WebConfig;

/// <summary>
/// The web config file and the certificates it names are read again for each new connection, as exporter-toolkit
/// does: TLS versions and cipher suites change, a rotated certificate is served without a restart, and a broken file
/// fails handshakes (the process stays up) until it is fixed. The <c>healthcheck</c> command reads the same file.
/// </summary>
[NeedsTool("openssl")]
[NeedsTool("curl")]
[NeedsExporterBinary]
public class TlsRereadTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_new_connection_sees_the_web_config_file_and_certificates_as_they_are_now()
    {
        using var directory = new TempDirectory();
        var certificates = await OpenSslCertificates.CreateAsync(directory.Path, Token);
        string users = $"basic_auth_users:\n  {TlsExporter.User}: {TlsExporter.Hash}\n";
        await using var exporter = await TlsExporter.StartAsync(
            certificates,
            $"tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS13\n{users}",
            port => TlsHttpClient.Create(certificates, port, basicAuth: (TlsExporter.User, TlsExporter.Password)));
        string password = $"{TlsExporter.User}:{TlsExporter.Password}";

        // The container health check: with the file, it asks over TLS and takes the 401 as an answer; without, it cannot.
        var healthcheck = await ExporterProcess.RunAsync("healthcheck", $"--web.listen-address=localhost:{exporter.Port}", $"--web.config.file={exporter.WebConfig}");
        Assert.True(healthcheck.ExitCode == 0, healthcheck.Output);
        Assert.Contains($"https://127.0.0.1:{exporter.Port}/-/healthy: healthy", healthcheck.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await ExporterProcess.RunAsync("healthcheck", $"--web.listen-address=localhost:{exporter.Port}")).ExitCode);

        // HTTP/2 is on by default, as in the toolkit.
        Assert.Equal("2", (await AssertAnswersAsync(exporter, 200, "-u", password)).HttpVersion);
        await AssertRefusedAsync(exporter, "--tls-max", "1.2", "-u", password);

        await File.WriteAllTextAsync(exporter.WebConfig,
            $"tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  max_version: TLS12\n  cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n{users}", Token);
        await AssertRefusedAsync(exporter, "--tlsv1.3", "-u", password);
        await AssertRefusedAsync(exporter, "--ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384", "-u", password);
        await AssertAnswersAsync(exporter, 200, "--ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256", "-u", password);

        await certificates.IssueServerAsync("rotated", "rotated.localhost", Token);
        File.Copy(certificates.PathOf("rotated.key"), certificates.ServerKey, overwrite: true);
        File.Copy(certificates.PathOf("rotated.crt"), certificates.ServerCert, overwrite: true);
        var rotated = await AssertAnswersAsync(exporter, 200, "-v", "-u", password);
        Assert.Contains("CN=rotated.localhost", rotated.Output, StringComparison.Ordinal);

        string good = await File.ReadAllTextAsync(exporter.WebConfig, Token);
        await File.WriteAllTextAsync(exporter.WebConfig, good + "tls_server_config: {}\n", Token);
        await AssertRefusedAsync(exporter, "-u", password);
        Assert.False(exporter.Process.HasExited, exporter.Process.Output);
        Assert.Contains("duplicate key 'tls_server_config'", exporter.Process.Output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(exporter.WebConfig, good, Token);
        await AssertAnswersAsync(exporter, 200, "-u", password);
        await AssertAnswersAsync(exporter, 401, "-u", $"{TlsExporter.User}:wrong");
    }

    private static async Task<Curl.CurlAnswer> AssertAnswersAsync(TlsExporter exporter, int status, params string[] options)
    {
        var answer = await Curl.GetAsync(exporter, "/metrics", options);
        Assert.True(answer.Status == status, $"{string.Join(' ', options)}: {answer}\n{exporter.Process.Output}");
        return answer;
    }

    private static async Task AssertRefusedAsync(TlsExporter exporter, params string[] options)
    {
        var answer = await Curl.GetAsync(exporter, "/metrics", options);
        Assert.True(answer is { Status: 0, ExitCode: not 0 }, $"{string.Join(' ', options)}: {answer}");
    }
}
