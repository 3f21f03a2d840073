using System.Globalization;
using System.Net;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Web;

/// <summary>
/// <c>--web.enable-lifecycle</c> on the real process, as Prometheus has it: without the flag <c>POST /-/reload</c> is
/// refused with Prometheus's answer and SIGHUP still reloads; with it, a POST from a client that is no browser
/// reloads, and a browser's cross-origin POST (another site's form) is refused.
/// </summary>
[NeedsExporterBinary]
public class LifecycleFlagTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_the_flag_reload_over_http_is_forbidden_and_sighup_still_reloads()
    {
        int first = ClosedPort.Find();
        int second = ClosedPort.Find();
        string path = ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{first}\"}}]\n");
        var (exporter, http) = await StartAsync($"--config.file={path}");
        await using var _ = exporter;
        using var __ = http;
        await File.WriteAllTextAsync(path, $"targets: [{{address: \"127.0.0.1:{second}\"}}]\n", Token);

        using (var refused = await http.PostAsync("/-/reload", null, Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Lifecycle API is not enabled.\n", await refused.Content.ReadAsStringAsync(Token));
        }

        Assert.Contains($"target=\"127.0.0.1:{first}\"", await http.GetStringAsync("/metrics", Token), StringComparison.Ordinal);

        await ExternalCommand.RunCheckedAsync("kill", ["-HUP", exporter.Id.ToString(CultureInfo.InvariantCulture)], Token);
        Assert.True(
            await Poll.UntilAsync(async () => (await http.GetStringAsync("/metrics", Token)).Contains($"127.0.0.1:{second}", StringComparison.Ordinal), TimeSpan.FromSeconds(30), Token),
            exporter.Output);
    }

    [Fact]
    public async Task With_the_flag_a_plain_post_reloads_get_is_not_allowed_and_cross_origin_posts_are_refused()
    {
        int first = ClosedPort.Find();
        string path = ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{first}\"}}]\n");
        var (exporter, http) = await StartAsync($"--config.file={path}", "--web.enable-lifecycle");
        await using var _ = exporter;
        using var __ = http;
        string self = http.BaseAddress!.GetLeftPart(UriPartial.Authority);

        using (var get = await http.GetAsync("/-/reload", Token))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        }

        // A form on another site: browsers send Origin, and current ones Sec-Fetch-Site too. Each alone must refuse it.
        (string Name, string Value)[][] crossOrigin =
        [
            [("Origin", "https://attacker.invalid"), ("Sec-Fetch-Site", "cross-site")],
            [("Origin", "https://attacker.invalid")],
            [("Origin", "null")],
            [("Origin", self.Replace("127.0.0.1", "localhost", StringComparison.Ordinal))],
            [("Sec-Fetch-Site", "same-site")],
        ];
        foreach (var headers in crossOrigin)
        {
            using var refused = await PostReloadAsync(http, headers);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{string.Join(", ", headers)}: {(int)refused.StatusCode}");
            Assert.Equal("Cross-origin request refused.\n", await refused.Content.ReadAsStringAsync(Token));
        }

        Assert.Equal(1, Value(await http.GetStringAsync("/metrics", Token), "ssh_exporter_config_last_reload_successful"));
        await File.WriteAllTextAsync(path, "targets:\n  - adress: 127.0.0.1:22\n", Token);
        using (var sameOrigin = await PostReloadAsync(http, [("Origin", self), ("Sec-Fetch-Site", "same-origin")]))
        {
            // The reload ran: the broken file is rejected with its reason.
            Assert.Equal(HttpStatusCode.InternalServerError, sameOrigin.StatusCode);
        }

        await File.WriteAllTextAsync(path, "targets: []\n", Token);
        using (var plain = await PostReloadAsync(http, []))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal("Configuration reloaded\n", await plain.Content.ReadAsStringAsync(Token));
        }
    }

    private static async Task<HttpResponseMessage> PostReloadAsync(HttpClient http, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/-/reload") { Content = new FormUrlEncodedContent([]) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request, Token);
    }

    private static async Task<(ExporterProcess Exporter, HttpClient Http)> StartAsync(params string[] arguments)
    {
        int port = ClosedPort.Find();
        var exporter = ExporterProcess.Start([.. arguments, $"--web.listen-address=127.0.0.1:{port}"]);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);
        return (exporter, http);
    }
}
