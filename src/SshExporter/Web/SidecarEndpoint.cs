using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Commands;

namespace SshExporter.Web;

/// <summary><c>GET /sidecar</c>: the local checks run now, described for a person rather than for Prometheus.</summary>
public static class SidecarEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ConfigStore store, SidecarCollector collector, ExporterOptions options, ICommandRunner runner)
    {
        var config = store.Current;
        if (!config.Sidecar.Enabled)
        {
            return Results.Text("sidecar mode is off: add a 'sidecar:' section to the configuration\n", statusCode: StatusCodes.Status404NotFound);
        }

        var (report, log) = await CollectAsync(config, collector, runner, context.RequestAborted);
        return Results.Text(SidecarReportText.Render(report, log, options.Runbook), "text/plain; charset=utf-8");
    }

    /// <summary>Runs the local checks and reads sshd's log, concurrently.</summary>
    public static async Task<(SidecarReport Report, string Log)> CollectAsync(ExporterConfig config, SidecarCollector collector, ICommandRunner runner, CancellationToken cancellationToken)
    {
        var module = config.Modules[config.Sidecar.LocalProbeModule];
        var report = collector.CollectAsync(config.Sidecar, module, module.Timeout, cancellationToken);
        string log = await SshdLogExcerpt.ReadAsync(config.Sidecar, runner, cancellationToken);
        return (await report, log);
    }
}
