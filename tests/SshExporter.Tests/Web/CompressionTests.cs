using System.IO.Compression;
using System.Net.Http.Headers;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

/// <summary>gzip when the scraper asks for it, as Prometheus does; plain bytes when it does not.</summary>
public class CompressionTests
{
    [Theory]
    [InlineData("/metrics", "text/plain")]
    [InlineData("/probe?target=127.0.0.1:1", "text/plain")]
    [InlineData("/metrics", "application/openmetrics-text")]
    public async Task An_exposition_is_gzipped_when_asked_and_reads_the_same(string path, string accept)
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var gzipped = await exporter.Http.SendAsync(Request(path, accept, "gzip"), TestContext.Current.CancellationToken);
        using var uncompressed = await exporter.Http.SendAsync(Request(path, accept, null), TestContext.Current.CancellationToken);
        string plain = await uncompressed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Equal(accept, gzipped.Content.Headers.ContentType?.MediaType);
        await using var unzip = new GZipStream(await gzipped.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), CompressionMode.Decompress);
        string text = await new StreamReader(unzip).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ExpositionText.FamilyNames(plain).Order(), ExpositionText.FamilyNames(text).Order());
    }

    private static HttpRequestMessage Request(string path, string accept, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }

        return request;
    }

    [Fact]
    public async Task Without_accept_encoding_the_answer_is_plain()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var response = await exporter.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("# TYPE ssh_probe_success gauge", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
