using System.Diagnostics;
using System.Net;
using SshExporter.Probing;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Probing.Kex;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Web;

public class ProbeEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ssh_server_gives_success_and_its_banner()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var response = await exporter.Http.GetAsync($"/probe?target={peer.Target}", Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(1, Value(body, "ssh_probe_success"));
        Assert.Equal(1, Value(body, "ssh_banner_received"));
        Assert.Equal(1, Value(body, """ssh_probe_outcome{outcome="success"}"""));
        Assert.Equal(1, Value(body, """ssh_banner_info{protocol_version="2.0",software_version="OpenSSH_9.2p1",comments="Debian-2+deb12u3"}"""));
        Assert.Equal(4, Value(body, "ssh_probe_ip_protocol"));
        Assert.DoesNotContain("target=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_refused_and_every_outcome_series_is_still_there()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        string body = await exporter.GetTextAsync($"/probe?target=127.0.0.1:{ClosedPort.Find()}");

        Assert.Equal(0, Value(body, "ssh_probe_success"));
        Assert.Equal(1, Value(body, "ssh_connection_refused"));
        Assert.Equal(0, Value(body, "ssh_connection_timeout"));
        Assert.Equal(0, Value(body, "ssh_banner_received"));
        var outcomes = Samples(body).Where(s => s.Key.StartsWith("ssh_probe_outcome{", StringComparison.Ordinal)).ToList();
        Assert.Equal(ProbeOutcomes.All.Count, outcomes.Count);
        Assert.Equal("""ssh_probe_outcome{outcome="refused"}""", Assert.Single(outcomes, s => s.Value == 1).Key);
        Assert.DoesNotContain("ssh_banner_info{", body, StringComparison.Ordinal);
        Assert.Equal(5, Value(body, "ssh_probe_timeout_seconds"));
    }

    [Theory]
    [InlineData("/probe", "target parameter is missing")]
    [InlineData("/probe?target=", "invalid target: target is empty; expected host:port")]
    [InlineData("/probe?target=host:0", "invalid target: port 0 is outside 1-65535")]
    [InlineData("/probe?target=host:65536", "invalid target: port 65536 is outside 1-65535")]
    [InlineData("/probe?target=host:ssh", "invalid target: port 'ssh' is not a number")]
    [InlineData("/probe?target=ho%0ast:22", "invalid target: target contains control or whitespace characters")]
    [InlineData("/probe?target=bad_host!:22", "invalid target: 'bad_host!' is not a valid host name or IP address")]
    [InlineData("/probe?target=localhost:22&module=nope", "unknown module 'nope'")]
    [InlineData("/probe?target=127.0.0.2:22&target=127.0.0.1:22", "target parameter is given more than once")]
    public async Task Bad_requests_get_400_with_a_one_line_reason(string path, string reason)
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var response = await exporter.Http.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason + "\n", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Debug_output_shows_the_steps_the_metrics_and_the_module()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        string body = await exporter.GetTextAsync($"/probe?target=127.0.0.1:{ClosedPort.Find()}&debug=true");

        Assert.Contains("Logs for the probe:", body, StringComparison.Ordinal);
        Assert.Contains("Connect failed: ConnectionRefused", body, StringComparison.Ordinal);
        Assert.Contains("Metrics that would have been returned:", body, StringComparison.Ordinal);
        Assert.Contains("ssh_connection_refused 1", body, StringComparison.Ordinal);
        Assert.Contains("Module configuration:\ndefault:\n  timeout: 5s\n", body, StringComparison.Ordinal);
        Assert.Contains($"\nRunbook: {RunbookLinks.DefaultBaseUrl}#sshconnectionrefused\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_output_of_a_success_names_no_runbook_section()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");
        await using var exporter = await ExporterUnderTest.StartAsync();

        string body = await exporter.GetTextAsync($"/probe?target={peer.Target}&debug=true");

        Assert.Contains("ssh_probe_success 1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Runbook:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_output_lists_what_the_server_offers_and_the_verdicts_on_it()
    {
        byte[] kexInit = KexInitPackets.Captured(KexInitPackets.OpenSsh92Default);
        await using var peer = ScriptedPeer.AfterClientIdentification(async (socket, ct) =>
        {
            await socket.SendAsync(kexInit, System.Net.Sockets.SocketFlags.None, ct);
            await ScriptedPeer.DrainUntilClosedAsync(socket, ct);
        });
        await using var exporter = await ExporterUnderTest.StartAsync();

        string body = await exporter.GetTextAsync($"/probe?target={peer.Target}&debug=true");

        Assert.Contains("  kex_algorithms: sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,", body, StringComparison.Ordinal);
        Assert.Contains("Terrapin (CVE-2023-48795) vulnerable: no", body, StringComparison.Ordinal);
        Assert.Contains("Weak algorithms offered: mac_sha1 (hmac-sha1-etm@openssh.com,hmac-sha1)", body, StringComparison.Ordinal);
        Assert.Contains("ssh_kex_strict_offered 1", body, StringComparison.Ordinal);
        Assert.Contains("  read_kexinit: true\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenMetrics_is_served_when_asked_for()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/probe?target=127.0.0.1:{ClosedPort.Find()}");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");

        using var response = await exporter.Http.SendAsync(request, Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scrape_timeout_header_shortens_the_probe()
    {
        await using var peer = ScriptedPeer.Silent();
        await using var exporter = await ExporterUnderTest.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/probe?target={peer.Target}");
        request.Headers.Add("X-Prometheus-Scrape-Timeout-Seconds", "1.5");

        var clock = Stopwatch.StartNew();
        using var response = await exporter.Http.SendAsync(request, Token);
        string body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(1, Value(body, "ssh_probe_timeout_seconds"));
        Assert.Equal(1, Value(body, """ssh_probe_outcome{outcome="banner_timeout"}"""));
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 3);
    }

    [Fact]
    public async Task A_scrape_timeout_header_that_is_not_a_number_is_a_bad_request()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe?target=localhost:22");
        request.Headers.Add("X-Prometheus-Scrape-Timeout-Seconds", "soon");

        using var response = await exporter.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("X-Prometheus-Scrape-Timeout-Seconds 'soon' is not a positive number of seconds\n", await response.Content.ReadAsStringAsync(Token));
    }
}
