using System.Net;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

/// <summary>HEAD is answered wherever GET is (monitoring checks and load balancers send it): same status and type, no body.</summary>
public class HeadRequestTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/config")]
    [InlineData("/metrics")]
    [InlineData("/sidecar")]
    [InlineData("/-/healthy")]
    [InlineData("/-/ready")]
    [InlineData("/probe?target=127.0.0.1:1")]
    [InlineData("/probe")]
    public async Task Head_answers_as_get_does_without_a_body(string path)
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var get = await exporter.Http.GetAsync(path, TestContext.Current.CancellationToken);
        using var head = await exporter.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), TestContext.Current.CancellationToken);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reload_still_takes_only_post()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var head = await exporter.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/-/reload"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
    }
}
