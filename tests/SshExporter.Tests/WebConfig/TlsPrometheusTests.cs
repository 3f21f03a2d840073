using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.WebConfig;

/// <summary>A real Prometheus scrapes <c>/metrics</c> over TLS with a client certificate and basic auth, as it would node_exporter.</summary>
[NeedsTool("openssl")]
[NeedsPrometheus]
[NeedsExporterBinary]
public class TlsPrometheusTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prometheus_scrapes_over_TLS_with_a_client_certificate_and_basic_auth_and_is_refused_with_a_wrong_password()
    {
        using var directory = new TempDirectory();
        var certificates = await OpenSslCertificates.CreateAsync(directory.Path, Token);
        await using var exporter = await TlsExporter.StartAsync(certificates, $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_ca_file: ca.crt
              client_auth_type: RequireAndVerifyClientCert
            basic_auth_users:
              {TlsExporter.User}: {TlsExporter.Hash}
            """, port => TlsHttpClient.Create(certificates, port, clientCertificate: true, (TlsExporter.User, TlsExporter.Password)));

        await using var prometheus = await LoopbackPrometheus.StartAsync(directory.Path, $$"""
            global: {scrape_interval: 2s, scrape_timeout: 2s}
            scrape_configs:
              - job_name: right
                scheme: https
                basic_auth: {username: {{TlsExporter.User}}, password: {{TlsExporter.Password}}}
                tls_config: {ca_file: {{certificates.CaCert}}, cert_file: {{certificates.ClientCert}}, key_file: {{certificates.ClientKey}}}
                static_configs: [{targets: ["localhost:{{exporter.Port}}"]}]
              - job_name: wrong
                scheme: https
                basic_auth: {username: {{TlsExporter.User}}, password: wrong}
                tls_config: {ca_file: {{certificates.CaCert}}, cert_file: {{certificates.ClientCert}}, key_file: {{certificates.ClientKey}}}
                static_configs: [{targets: ["localhost:{{exporter.Port}}"]}]
            """, Token);

        // up of each job, once both have been scraped and the right one has succeeded (a first scrape may race the start).
        Dictionary<string, double> up = [];
        bool Scraped() => up.Count == 2 && up.GetValueOrDefault("right") == 1;
        await Poll.UntilAsync(async () =>
        {
            up = (await prometheus.Api.TryQueryAsync("up", Token)).Series?.ToDictionary(series => series.Labels["job"], series => series.Value) ?? [];
            return Scraped();
        }, TimeSpan.FromSeconds(60), Token);
        Assert.True(Scraped(), $"up: {string.Join(", ", up)}\n{prometheus.Output}\n{exporter.Process.Output}");
        Assert.Equal(0, up["wrong"]);
        var exported = await prometheus.Api.QueryAsync("ssh_exporter_build_info{job=\"right\"}", TimeSpan.FromSeconds(30), Token);
        Assert.Single(exported);
    }
}
