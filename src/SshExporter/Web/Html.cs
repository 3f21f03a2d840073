using System.Globalization;
using System.Net;

namespace SshExporter.Web;

/// <summary>What every HTML page of the exporter shares: encoding, the document around a body, times.</summary>
internal static class Html
{
    /// <summary>How often the landing and target pages reload themselves, in seconds.</summary>
    public const int RefreshSeconds = 15;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A query string value, escaped for the URL and then for the attribute.</summary>
    public static string Query(string text) => Encode(Uri.EscapeDataString(text));

    /// <summary>
    /// A whole page. <paramref name="refresh"/> makes it reload itself every <see cref="RefreshSeconds"/> seconds,
    /// unless the request says <c>refresh=off</c> (a person who needs more time to read, as WCAG's 2.2.1 asks).
    /// </summary>
    public static IResult Page(HttpContext context, string title, string body, bool refresh = false)
    {
        bool reloads = refresh && !string.Equals(context.Request.Query["refresh"], "off", StringComparison.Ordinal);
        string meta = reloads ? $"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">\n" : "";
        string html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            {meta}<title>{Encode(title)}</title>
            <style>{PageStyle.Css}</style></head>
            <body><main>
            {body}</main></body></html>

            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The line that says the page reloads itself, with the link that stops it.</summary>
    public static string RefreshNote(HttpContext context, string path) =>
        string.Equals(context.Request.Query["refresh"], "off", StringComparison.Ordinal)
            ? $"<p class=\"meta\">This page does not reload itself now. <a href=\"{Encode(Without(context, path, "refresh"))}\">Reload it every {RefreshSeconds} s</a>.</p>\n"
            : $"<p class=\"meta\">This page reloads itself every {RefreshSeconds} s. <a href=\"{Encode(With(context, path, "refresh", "off"))}\">Stop reloading</a>.</p>\n";

    /// <summary>A time of day in UTC, as the exporter's log writes it.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan duration) => Diagnosis.VerdictWording.Seconds(duration);

    /// <summary>How long ago, in whole seconds.</summary>
    public static string Ago(TimeProvider time, DateTimeOffset then) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (long)(time.GetUtcNow() - then).TotalSeconds)} s ago");

    private static string With(HttpContext context, string path, string key, string value) =>
        path + QueryString.Create(context.Request.Query.Where(pair => pair.Key != key).SelectMany(pair => pair.Value.Select(v => KeyValuePair.Create(pair.Key, v)))
            .Append(KeyValuePair.Create(key, (string?)value)));

    private static string Without(HttpContext context, string path, string key) =>
        path + QueryString.Create(context.Request.Query.Where(pair => pair.Key != key).SelectMany(pair => pair.Value.Select(v => KeyValuePair.Create(pair.Key, v))));
}
