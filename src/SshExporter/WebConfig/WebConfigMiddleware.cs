namespace SshExporter.WebConfig;

/// <summary>
/// Applies the web config file to every request, as exporter-toolkit's handler does: reads it (500 when it has become
/// unusable), applies its rate limit (429), adds its headers, then asks for basic auth (401 with <c>WWW-Authenticate: Basic</c>) when it lists users.
/// Every endpoint is behind it, <c>/-/healthy</c> included.
/// </summary>
public static class WebConfigMiddleware
{
    public static WebApplication UseWebConfig(this WebApplication app, WebConfigSource source)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<WebConfigSource>();
        source.UseLogger(logger);
        var initial = source.Initial;
        if (logger.IsEnabled(LogLevel.Information))
        {
            WebConfigLog.Started(
                logger,
                source.Path,
                initial.Tls is null ? "off" : $"on ({initial.Tls.Protocols}, client certificates: {initial.Tls.ClientAuth})",
                initial.Tls is not null && initial.Http2,
                initial.BasicAuthUsers.Count);
        }

        var authenticator = new BasicAuthenticator();
        // As with the toolkit, the limit is the one the file set at startup.
        var limiter = initial.RateLimit is var (interval, burst) ? new TokenBucket(interval, burst, TimeProvider.System) : null;
        app.Use(async (context, next) =>
        {
            WebSettings settings;
            try
            {
                settings = source.Current();
            }
            catch (WebConfigException)
            {
                // Logged by the source, once per change of the file.
                await Plain(context.Response, StatusCodes.Status500InternalServerError, "Internal Server Error");
                return;
            }

            if (limiter?.TryTake() == false)
            {
                await Plain(context.Response, StatusCodes.Status429TooManyRequests, "Too Many Requests");
                return;
            }

            foreach (var (name, value) in settings.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (!await authenticator.AllowsAsync(settings.BasicAuthUsers, context.Request.Headers.Authorization, context.RequestAborted))
            {
                context.Response.Headers.WWWAuthenticate = "Basic";
                await Plain(context.Response, StatusCodes.Status401Unauthorized, "Unauthorized");
                return;
            }

            await next(context);
        });
        return app;
    }

    private static Task Plain(HttpResponse response, int status, string text)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text + "\n");
    }
}
