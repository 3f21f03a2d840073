using Microsoft.Extensions.Logging.Abstractions;
using SshExporter.Config;
using SshExporter.Probing;
using SshExporter.Probing.Restriction;
using SshExporter.Probing.Sockets;
using SshExporter.Reporting;
using SshExporter.Runbook;

namespace SshExporter.Cli;

/// <summary>
/// <c>ssh_exporter probe --target host:port</c>: one probe from the command line, printed as the debug
/// report of <c>/probe?debug=true</c>, with the runbook section when it failed. Exit code 0 when the probe
/// succeeded, 1 when it did not, 2 on bad input or a target the module's <c>allowed_targets</c> refuses (the command
/// probes what <c>/probe</c> would, so it is also the way to try a restriction out), 3 when the prober could not
/// probe from its own side (no descriptor, no ephemeral port, a local security policy): nothing was learnt about the target.
/// </summary>
public static class ProbeCommand
{
    public const int ExitLocalFailure = 3;

    public static async Task<int> RunAsync(
        string? configFile, string target, string moduleName, int maxSockets, RunbookLinks runbook, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ExporterConfig config;
        try
        {
            config = ConfigLoader.Load(configFile);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }

        // No scrape waits for this answer: the module's own timeout applies.
        if (!ProbeJob.TryCreate(target, moduleName, config.Modules, ScrapeBudget.Unlimited, out var job, out string reason))
        {
            await error.WriteLineAsync(reason);
            return 2;
        }

        var sockets = new SocketBudget(SocketBudgetSize.Resolve(maxSockets));
        var pipeline = new ProbePipeline(ProbePipeline.CreateProber(TimeProvider.System, sockets), NullLogger<ProbePipeline>.Instance);
        var trace = new ProbeTrace(TimeProvider.System);
        (ProbeResult Result, Prometheus.CollectorRegistry Registry) probed;
        try
        {
            probed = await pipeline.RunAloneAsync(job!, trace, cancellationToken);
        }
        catch (TargetRefusedException e)
        {
            await error.WriteLineAsync(job!.Refusal(e));
            return 2;
        }
        catch (LocalProbeFailureException e)
        {
            await output.WriteAsync($"Logs for the probe:\n{trace}");
            await error.WriteLineAsync($"{e.Message}; nothing is known about {target}: this is the prober's side, not the target's");
            return ExitLocalFailure;
        }

        var (result, registry) = probed;
        await output.WriteAsync(await DebugReport.RenderAsync(trace, registry, job!, runbook.For(result.Outcome)));
        return result.Success ? 0 : 1;
    }
}
