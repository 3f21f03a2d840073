using SshExporter.Config;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Runbook;
using SshExporter.Web;

namespace SshExporter.Cli;

/// <summary>
/// <c>ssh_exporter probe --target host:port</c>: one probe from the command line, printed as the debug
/// report of <c>/probe?debug=true</c>, with the runbook section when it failed. Exit code 0 when the probe
/// succeeded, 1 when it did not, 2 on bad input.
/// </summary>
public static class ProbeCommand
{
    public static async Task<int> RunAsync(
        string? configFile, string target, string moduleName, RunbookLinks runbook, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ExporterConfig config;
        try
        {
            config = configFile is null ? ConfigLoader.LoadEmbeddedDefault() : ConfigLoader.LoadFile(configFile);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }

        if (!TargetAddress.TryParse(target, out var address, out string targetError))
        {
            await error.WriteLineAsync($"invalid target: {targetError}");
            return 2;
        }

        if (!config.Modules.TryGetValue(moduleName, out var module))
        {
            await error.WriteLineAsync($"unknown module '{moduleName}'");
            return 2;
        }

        var trace = new ProbeTrace(TimeProvider.System);
        var prober = new SshProber(TimeProvider.System, $"ssh_exporter_{ExporterMetrics.Version}");
        var result = await prober.ProbeAsync(address!, module, module.Timeout, trace, cancellationToken);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new ProbeMetricsWriter(registry, []).Write(result);
        await output.WriteAsync(await DebugReport.RenderAsync(trace, registry, moduleName, module, runbook.For(result.Outcome)));
        return result.Success ? 0 : 1;
    }
}
