using Microsoft.Extensions.Logging.Abstractions;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;
using SshExporter.Reporting;
using SshExporter.Runbook;

namespace SshExporter.Cli;

/// <summary>
/// One probe run from the command line, as <c>/probe</c> would run it, for <c>probe</c> and <c>diagnose</c>: its result,
/// or the local failure that kept it from being made (then only its steps are known).
/// </summary>
internal sealed record CommandLineProbe(ProbeJob Job, ProbeTrace Trace, ProbeResult? Result, ProbeResults? Series, LocalFailure? LocalFailure)
{
    /// <summary>The prober of one command, with <c>--probe.max-sockets</c>'s budget of sockets.</summary>
    public static SshProber CreateProber(int maxSockets) =>
        ProbePipeline.CreateProber(TimeProvider.System, new SocketBudget(SocketBudgetSize.Resolve(maxSockets)));

    /// <summary>Probes <paramref name="job"/>; throws <see cref="Probing.Restriction.TargetRefusedException"/> when its module's allowed_targets refuse it.</summary>
    public static async Task<CommandLineProbe> RunAsync(SshProber prober, ProbeJob job, CancellationToken cancellationToken)
    {
        var pipeline = new ProbePipeline(prober, NullLogger<ProbePipeline>.Instance);
        var trace = new ProbeTrace(TimeProvider.System);
        try
        {
            var (result, series) = await pipeline.RunAloneAsync(job, trace, cancellationToken);
            return new CommandLineProbe(job, trace, result, series, null);
        }
        catch (LocalProbeFailureException e)
        {
            return new CommandLineProbe(job, trace, null, null, e.Reason);
        }
    }

    /// <summary>The one line that says the prober, not the target, failed; null when the probe was made.</summary>
    public string? LocalFailureLine => LocalFailure is { } failure
        ? $"the prober could not probe: {failure.Describe()} ({failure.ToLabel()}); nothing is known about {Job.Target}: this is the prober's side, not the target's"
        : null;

    /// <summary>The details: <c>/probe?debug=true</c>'s report, or the steps alone when the probe could not be made.</summary>
    public async Task<string> DetailsAsync(RunbookLinks runbook) => Result is { } result
        ? await DebugReport.RenderAsync(Trace, Series!, Job, runbook.For(result.Outcome))
        : $"Logs for the probe:\n{Trace}";
}
