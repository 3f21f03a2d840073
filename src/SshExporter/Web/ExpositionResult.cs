using Prometheus;
using SshExporter.Metrics;

namespace SshExporter.Web;

/// <summary>An HTTP result holding registries, serialised in the format the scraper's Accept header asks for.</summary>
public sealed class ExpositionResult(params CollectorRegistry[] registries) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var exposition = Exposition.Negotiate(httpContext.Request.Headers.Accept);
        httpContext.Response.ContentType = exposition.ContentType;
        await exposition.WriteAsync(httpContext.Response.Body, registries, httpContext.RequestAborted);
    }
}
