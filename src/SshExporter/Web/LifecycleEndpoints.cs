using SshExporter.Config;
using SshExporter.Hosting;

namespace SshExporter.Web;

/// <summary>The Prometheus-style management endpoints: <c>/-/healthy</c>, <c>/-/ready</c>, <c>/-/reload</c>.</summary>
public static class LifecycleEndpoints
{
    public static IResult Healthy() => Results.Text("Healthy\n");

    // Ready once the host runs: the config was loaded before the listener opened.
    public static IResult Ready() => Results.Text("Ready\n");

    /// <summary>
    /// Only with <c>--web.enable-lifecycle</c>, as Prometheus (and with its answer otherwise): anyone who reaches the
    /// port could reload at will. Never for a page of another origin, which could make a browser post the form.
    /// </summary>
    public static IResult Reload(HttpContext context, ConfigStore store, ExporterOptions options)
    {
        if (!options.EnableLifecycle)
        {
            return Results.Text("Lifecycle API is not enabled.\n", statusCode: StatusCodes.Status403Forbidden);
        }

        if (CrossOriginRequest.IsCrossOrigin(context.Request))
        {
            return Results.Text("Cross-origin request refused.\n", statusCode: StatusCodes.Status403Forbidden);
        }

        return store.TryReload("HTTP /-/reload", out string error)
            ? Results.Text("Configuration reloaded\n")
            : Results.Text($"failed to reload config: {error}\n", statusCode: StatusCodes.Status500InternalServerError);
    }
}
