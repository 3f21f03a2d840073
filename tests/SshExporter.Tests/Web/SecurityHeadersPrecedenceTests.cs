using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SshExporter.Hosting;
using SshExporter.Web;

namespace SshExporter.Tests.Web;

/// <summary>
/// Headers that something later in the pipeline set (the operator's, from the web configuration) win over the
/// defaults of <see cref="SecurityHeaders"/>; the defaults fill in only what is missing.
/// </summary>
public class SecurityHeadersPrecedenceTests
{
    [Fact]
    public async Task A_header_already_set_on_the_response_is_kept_and_the_others_are_added()
    {
        var app = ExporterHost.Build(
            new ExporterOptions { LogLevel = LogLevel.Warning }, [new ListenAddress(IPAddress.Loopback, Localhost: false, Port: 0)]);
        app.Use((context, next) =>
        {
            context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            return next(context);
        });
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            using var page = await http.GetAsync("/", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("SAMEORIGIN", string.Join(",", page.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", string.Join(",", page.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(SecurityHeaders.HtmlContentSecurityPolicy, string.Join(",", page.Headers.GetValues("Content-Security-Policy")));
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
