namespace SshExporter.Web;

/// <summary>
/// Tells a browser's cross-origin request from others, for the endpoints that change state: a page elsewhere can
/// make a visitor's browser POST a form to the exporter, but the browser then says where the page came from.
/// Clients that are not browsers (curl, Prometheus's tooling, a config reloader) send neither header and pass.
/// </summary>
public static class CrossOriginRequest
{
    public static bool IsCrossOrigin(HttpRequest request)
    {
        // Fetch metadata, sent by every current browser: only the exporter's own pages (or the user's typing) pass.
        string? site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        if (!string.IsNullOrEmpty(site) && site is not ("same-origin" or "none"))
        {
            return true;
        }

        // Older browsers send only Origin on a POST: it must name this very scheme, host and port.
        string? origin = request.Headers.Origin.FirstOrDefault();
        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }

        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
