using System.Globalization;
using System.Net;

namespace SshExporter.Web;

/// <summary>What every HTML page of the exporter shares: encoding, the document around a body, times.</summary>
internal static class Html
{
    /// <summary>How often the landing and target pages reload themselves, once asked to, in seconds.</summary>
    public const int RefreshSeconds = 15;

    /// <summary>The query that makes a page reload itself: <c>?refresh=on</c>.</summary>
    private const string RefreshKey = "refresh";

    private const string RefreshOn = "on";

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A query string value, escaped for the URL and then for the attribute.</summary>
    public static string Query(string text) => Encode(Uri.EscapeDataString(text));

    /// <summary>
    /// A whole page. <paramref name="refresh"/> lets it reload itself every <see cref="RefreshSeconds"/> seconds when
    /// the request says <c>refresh=on</c>, which the page's own link (<see cref="RefreshNote"/>) asks for: a reload
    /// the person did not choose cuts reading short (WCAG 2.2.1, axe-core's meta-refresh), so it is opt-in.
    /// </summary>
    public static IResult Page(HttpContext context, string title, string body, bool refresh = false)
    {
        bool reloads = refresh && Reloading(context);
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

    /// <summary>The line that says whether the page reloads itself, with the link that turns it on or off.</summary>
    public static string RefreshNote(HttpContext context, string path) =>
        Reloading(context)
            ? $"<p class=\"meta\">This page reloads itself every {RefreshSeconds} s. <a href=\"{Encode(Without(context, path, RefreshKey))}\">Stop reloading</a>.</p>\n"
            : $"<p class=\"meta\"><a href=\"{Encode(With(context, path, RefreshKey, RefreshOn))}\">Reload this page every {RefreshSeconds} s</a></p>\n";

    private static bool Reloading(HttpContext context) => string.Equals(context.Request.Query[RefreshKey], RefreshOn, StringComparison.Ordinal);

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
