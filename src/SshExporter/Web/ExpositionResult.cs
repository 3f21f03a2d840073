using SshExporter.Metrics;

namespace SshExporter.Web;

/// <summary>An HTTP result holding the parts of an exposition, written in the format the scraper's Accept header asks for.</summary>
public sealed class ExpositionResult(params IExpositionPart[] parts) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var exposition = Exposition.Negotiate(httpContext.Request.Headers.Accept);
        httpContext.Response.ContentType = exposition.ContentType;
        await exposition.WriteAsync(httpContext.Response.Body, parts, httpContext.RequestAborted);
    }
}
