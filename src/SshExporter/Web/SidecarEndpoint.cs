using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Sidecar;

namespace SshExporter.Web;

/// <summary><c>GET /sidecar</c>: the local checks, described for a person rather than for Prometheus.</summary>
public static class SidecarEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ConfigStore store, SharedSidecarRun sidecar, ExporterOptions options)
    {
        var config = store.Current;
        if (!config.Sidecar.Enabled)
        {
            return Results.Text("sidecar mode is off: add a 'sidecar:' section to the configuration\n", statusCode: StatusCodes.Status404NotFound);
        }

        var result = await ForPageAsync(config, sidecar, context.RequestAborted);
        return Results.Text(SidecarReportText.Render(result, options.Runbook), "text/plain; charset=utf-8");
    }

    /// <summary>The checks' result for a page, shared with other page views and scrapes (a few seconds old at most).</summary>
    public static Task<SharedSidecarResult> ForPageAsync(ExporterConfig config, SharedSidecarRun sidecar, CancellationToken cancellationToken) =>
        sidecar.ForPageAsync(config.Sidecar, config.Modules[config.Sidecar.LocalProbeModule], cancellationToken);
}
