using Microsoft.Net.Http.Headers;

namespace SshExporter.Web;

/// <summary>
/// The headers every answer carries: <c>nosniff</c> everywhere, so that no browser runs a target's greeting echoed in
/// a text answer as a page or script; on HTML also a content security policy that allows no script, no framing
/// and no form posting elsewhere, and no referrer (the page's links carry targets).
/// A header already on the response is kept: headers the operator configures for the web server win over these.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The landing page needs its inline style sheet and its probe form (GET to <c>probe</c>), nothing else.
    /// Inline style is allowed rather than hashed so that a change to the page's style sheet cannot silently
    /// unstyle it; with no script allowed at all, style is all an injection could do, and every value is encoded.
    /// </summary>
    public const string HtmlContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly KeyValuePair<string, string>[] Everywhere = [new(HeaderNames.XContentTypeOptions, "nosniff")];

    private static readonly KeyValuePair<string, string>[] OnHtml =
    [
        new(HeaderNames.ContentSecurityPolicy, HtmlContentSecurityPolicy),
        new(HeaderNames.XFrameOptions, "DENY"),
        new("Referrer-Policy", "no-referrer"),
    ];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // When the answer starts, its content type is known, whichever endpoint or error page wrote it.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            AddMissing(headers, Everywhere);
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                AddMissing(headers, OnHtml);
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void AddMissing(IHeaderDictionary headers, KeyValuePair<string, string>[] defaults)
    {
        foreach (var (name, value) in defaults)
        {
            headers.TryAdd(name, value);
        }
    }
}
