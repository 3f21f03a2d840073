using System.Text;
using SshExporter.Diagnosis;
using SshExporter.Probing;
using SshExporter.Probing.Restriction;
using SshExporter.Runbook;

namespace SshExporter.Cli;

/// <summary>
/// <c>ssh_exporter probe --target host:port</c>: one probe from the command line, judged as the pages judge it. It
/// prints the verdict first (state, likely cause, the commands that confirm and fix it, the runbook section), then the
/// debug report of <c>/probe?debug=true</c>; or, with <c>--output json</c>, one document of both. It probes what
/// <c>/probe</c> would, so it is also the way to try a module's <c>allowed_targets</c> out. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class ProbeCommand
{
    public static async Task<int> RunAsync(
        string? configFile, string target, string moduleName, int maxSockets, OutputFormat format, RunbookLinks runbook, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (await CommandLineConfig.LoadAsync(configFile, error) is not { } config)
        {
            return ExitCodes.Usage;
        }

        // No scrape waits for this answer: the module's own timeout applies.
        if (!ProbeJob.TryCreate(target, moduleName, config.Modules, ScrapeBudget.Unlimited, out var job, out string reason))
        {
            await error.WriteLineAsync(reason);
            return ExitCodes.Usage;
        }

        CommandLineProbe probe;
        try
        {
            probe = await CommandLineProbe.RunAsync(CommandLineProbe.CreateProber(maxSockets), job!, cancellationToken);
        }
        catch (TargetRefusedException e)
        {
            await error.WriteLineAsync(job!.Refusal(e));
            return ExitCodes.Usage;
        }

        var verdict = Diagnoser.Diagnose(new TargetEvidence(job!.Target, probe.Result, null), runbook);
        int exitCode = ExitCodes.Of([verdict], probe.LocalFailure is not null);
        string unknown = probe.LocalFailureLine ?? VerdictWording.NothingToJudge;
        string healthy = probe.Result is { } result ? VerdictWording.HealthyTarget(result) : unknown;
        await CommandOutput.WriteAsync(
            output,
            format,
            new JsonReport("probe", exitCode, JsonReports.Verdict(verdict, healthy, unknown), null, JsonReports.Probe(probe), null),
            async () =>
            {
                var text = new StringBuilder();
                VerdictText.Append(text, job.Target.ToString(), verdict, healthy, unknown);
                return text.Append('\n').Append(await probe.DetailsAsync(runbook)).ToString();
            });
        if (probe.LocalFailureLine is { } line)
        {
            await error.WriteLineAsync(line);
        }

        return exitCode;
    }
}
