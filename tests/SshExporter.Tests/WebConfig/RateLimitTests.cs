using System.Net;
using Microsoft.Extensions.Time.Testing;
using SshExporter.Hosting;
using SshExporter.Tests.Fixtures;
using SshExporter.WebConfig;

namespace SshExporter.Tests.WebConfig;

/// <summary>exporter-toolkit's <c>rate_limit</c>: one request per interval for the whole server, in bursts of up to <c>burst</c>; 429 over it.</summary>
public class RateLimitTests
{
    [Fact]
    public void The_bucket_starts_full_and_refills_one_request_per_interval_up_to_the_burst()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(TimeSpan.FromSeconds(10), burst: 3, time);

        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => bucket.TryTake()));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(bucket.TryTake());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.TryTake());
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => bucket.TryTake()));
    }

    [Fact]
    public async Task Requests_over_the_limit_get_429_on_every_endpoint()
    {
        using var directory = new TempDirectory();
        string webConfig = directory.Write("web.yml", "rate_limit:\n  interval: 1h\n  burst: 2\n");
        await using var exporter = await ExporterUnderTest.StartAsync(options: new ExporterOptions { WebConfigFile = webConfig });

        var statuses = new List<HttpStatusCode>();
        foreach (string path in new[] { "/-/healthy", "/-/ready", "/-/healthy", "/metrics" })
        {
            using var response = await exporter.Http.GetAsync(path, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
