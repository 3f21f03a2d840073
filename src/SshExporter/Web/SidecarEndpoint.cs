using SshExporter.Config;
using SshExporter.Sidecar;

namespace SshExporter.Web;

/// <summary><c>GET /sidecar</c>: the local checks run now, described for a person rather than for Prometheus.</summary>
public static class SidecarEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ConfigStore store, SidecarCollector collector, TimeProvider time)
    {
        var config = store.Current;
        if (!config.Sidecar.Enabled)
        {
            return Results.Text("sidecar mode is off: add a 'sidecar:' section to the configuration\n", statusCode: StatusCodes.Status404NotFound);
        }

        var module = config.Modules[config.Sidecar.LocalProbeModule];
        var report = collector.CollectAsync(config.Sidecar, module, module.Timeout, context.RequestAborted);
        string log = await SshdLogExcerpt.ReadAsync(config.Sidecar, time, context.RequestAborted);
        return Results.Text(SidecarReportText.Render(await report, log), "text/plain; charset=utf-8");
    }
}
