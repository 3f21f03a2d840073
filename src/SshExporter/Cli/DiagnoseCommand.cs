using System.Text;
using SshExporter.Config;
using SshExporter.Diagnosis;
using SshExporter.Probing;
using SshExporter.Probing.Restriction;
using SshExporter.Runbook;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Commands;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Cli;

/// <summary>
/// <c>ssh_exporter diagnose [--target host:port]</c>, run on the SSH server itself: the local checks of the config's
/// <c>sidecar:</c> section (or the embedded default's) and a probe of the target (by default the local sshd's first
/// watched port on loopback), judged together as the pages judge them. It prints the target's verdict and the local
/// sshd's, then the checks as <c>/sidecar</c> words them and the probe's report; or, with <c>--output json</c>, one
/// document. Exit codes: <see cref="ExitCodes"/>; a check that could not look is told, and is no fault.
/// </summary>
public static class DiagnoseCommand
{
    private const string LocalSshd = "local sshd";

    public static async Task<int> RunAsync(
        string? configFile, string? target, string? moduleName, int maxSockets, OutputFormat format, RunbookLinks runbook, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (await CommandLineConfig.LoadAsync(configFile, error) is not { } config)
        {
            return ExitCodes.Usage;
        }

        if (!config.Sidecar.Enabled)
        {
            await error.WriteLineAsync(configFile is null
                ? $"diagnose runs on the SSH server, and this host has no {SshdDefaults.ConfigPath}; elsewhere, give --config.file with a 'sidecar:' section"
                : $"{configFile} has no 'sidecar:' section: diagnose runs the local checks it configures");
            return ExitCodes.Usage;
        }

        // The probe's module is the one the local checks probe loopback with, unless --module names another.
        string module = moduleName ?? config.Sidecar.LocalProbeModule;
        ProbeJob? job = null;
        if (target is not null && !TryCreateJob(target, module, config, out job, out string reason))
        {
            await error.WriteLineAsync(reason);
            return ExitCodes.Usage;
        }

        var prober = CommandLineProbe.CreateProber(maxSockets);
        var checks = RunChecksAsync(config, prober, cancellationToken);
        if (job is null)
        {
            var watched = (await checks).Get<ConfigResult>() is { WatchedPorts: [int first, ..] } ? first : SshdDefaults.Port;
            if (!TryCreateJob(new TargetAddress(TargetEvidence.LocalHost, watched).ToString(), module, config, out job, out reason))
            {
                await error.WriteLineAsync(reason);
                return ExitCodes.Usage;
            }
        }

        CommandLineProbe probe;
        try
        {
            probe = await CommandLineProbe.RunAsync(prober, job!, cancellationToken);
        }
        catch (TargetRefusedException e)
        {
            await error.WriteLineAsync(job!.Refusal(e));
            return ExitCodes.Usage;
        }

        var report = await checks;
        var verdict = Diagnoser.Diagnose(TargetEvidence.Joined(job!.Target, probe.Result, report), runbook);
        var localVerdict = Diagnoser.Diagnose(TargetEvidence.LocalOnly(TargetEvidence.LocalHost, report), runbook);
        int exitCode = ExitCodes.Of([verdict, localVerdict], probe.LocalFailure is not null);
        string unknown = probe.LocalFailureLine ?? VerdictWording.NothingToJudge;
        string healthy = probe.Result is { } result ? VerdictWording.HealthyTarget(result) : unknown;
        await CommandOutput.WriteAsync(
            output,
            format,
            new JsonReport(
                "diagnose",
                exitCode,
                JsonReports.Verdict(verdict, healthy, unknown),
                JsonReports.Verdict(localVerdict, VerdictWording.HealthyLocalSshd, VerdictWording.NothingToJudge),
                JsonReports.Probe(probe),
                JsonReports.Checks(report, runbook)),
            async () =>
            {
                var text = new StringBuilder();
                VerdictText.Append(text, job.Target.ToString(), verdict, healthy, unknown);
                text.Append('\n');
                if (localVerdict.State == verdict.State && localVerdict.AlertNames.SequenceEqual(verdict.AlertNames))
                {
                    // The target is this host's sshd, and the checks alone say what the probe with them says.
                    text.Append($"{LocalSshd}: the same verdict\n");
                }
                else
                {
                    VerdictText.Append(text, LocalSshd, localVerdict, VerdictWording.HealthyLocalSshd, VerdictWording.NothingToJudge);
                }

                text.Append("\nLocal checks of sshd:\n").Append(SidecarReportText.Checks(report, runbook));
                return text.Append('\n').Append(await probe.DetailsAsync(runbook)).ToString();
            });
        if (probe.LocalFailureLine is { } line)
        {
            await error.WriteLineAsync(line);
        }

        return exitCode;
    }

    private static bool TryCreateJob(string target, string module, ExporterConfig config, out ProbeJob? job, out string reason) =>
        ProbeJob.TryCreate(target, module, config.Modules, ScrapeBudget.Unlimited, out job, out reason);

    /// <summary>The local checks once, within the local probe module's timeout, as a scrape runs them.</summary>
    private static Task<SidecarReport> RunChecksAsync(ExporterConfig config, SshProber prober, CancellationToken cancellationToken)
    {
        var module = config.Modules[config.Sidecar.LocalProbeModule];
        var runner = new ProcessCommandRunner(TimeProvider.System, ProcessCommandRunner.DefaultTimeout);
        return new SidecarCollector(TimeProvider.System, prober, runner).CollectAsync(config.Sidecar, module, module.Timeout, cancellationToken);
    }
}
