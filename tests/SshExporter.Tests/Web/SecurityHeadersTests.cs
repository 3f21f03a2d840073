using System.Net;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

/// <summary>
/// The real process's answers, each kind of them: <c>nosniff</c> on every one (success, error, not found, gzipped);
/// on the HTML landing page also a content security policy that allows no script and no framing, and no referrer.
/// </summary>
[NeedsExporterBinary]
public class SecurityHeadersTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answer_says_nosniff_and_the_html_page_forbids_script_framing_and_referrers()
    {
        int closed = ClosedPort.Find();
        int port = ClosedPort.Find();
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{closed}\"}}]\n");
        await using var exporter = ExporterProcess.Start($"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}");
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        await exporter.WaitUntilServingAsync(http);

        (HttpMethod Method, string Path, string? AcceptEncoding, HttpStatusCode Status)[] requests =
        [
            (HttpMethod.Get, "/metrics", null, HttpStatusCode.OK),
            (HttpMethod.Get, "/metrics", "gzip", HttpStatusCode.OK),
            (HttpMethod.Get, $"/probe?target=127.0.0.1:{closed}&debug=true", null, HttpStatusCode.OK),
            (HttpMethod.Get, "/probe?target=%3Cscript%3E:99999", null, HttpStatusCode.BadRequest),
            (HttpMethod.Get, "/config", null, HttpStatusCode.OK),
            (HttpMethod.Get, "/sidecar", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, "/-/healthy", null, HttpStatusCode.OK),
            (HttpMethod.Head, "/-/ready", null, HttpStatusCode.OK),
            (HttpMethod.Get, "/no-such-page", null, HttpStatusCode.NotFound),
            (HttpMethod.Post, "/-/reload", null, HttpStatusCode.Forbidden),
            (HttpMethod.Get, "/-/reload", null, HttpStatusCode.MethodNotAllowed),
        ];
        foreach (var (method, path, acceptEncoding, status) in requests)
        {
            using var request = new HttpRequestMessage(method, path);
            if (acceptEncoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            }

            using var response = await http.SendAsync(request, Token);
            string what = $"{method} {path}: {(int)response.StatusCode}\n{response.Headers}{response.Content.Headers}";
            Assert.True(response.StatusCode == status, what);
            Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", what);
            Assert.True(Header(response, "Content-Security-Policy") is null, what);
        }

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var page = await http.SendAsync(new HttpRequestMessage(method, "/"), Token);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
            Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", Header(page, "Content-Security-Policy"));
            Assert.Equal("DENY", Header(page, "X-Frame-Options"));
            Assert.Equal("no-referrer", Header(page, "Referrer-Policy"));
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
