using SshExporter.Diagnosis;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;
using SshExporter.Runbook;
using SshExporter.Sidecar;

namespace SshExporter.Cli;

/// <summary>
/// What <c>probe</c> and <c>diagnose</c> print with <c>--output json</c>: one document for scripts, its field names
/// fixed (snake_case, <see cref="JsonReportContext"/>) and every enumeration a lower-case string, as the metrics' label values are.
/// </summary>
/// <param name="Command"><c>probe</c> or <c>diagnose</c>.</param>
/// <param name="ExitCode">The command's exit code (<see cref="ExitCodes"/>).</param>
/// <param name="Verdict">The verdict on the target.</param>
/// <param name="LocalSshd">The local sshd's verdict from the local checks alone; null for <c>probe</c>.</param>
/// <param name="Probe">The probe of the target.</param>
/// <param name="Checks">The local checks, in their order; null for <c>probe</c>.</param>
public sealed record JsonReport(string Command, int ExitCode, JsonVerdict Verdict, JsonVerdict? LocalSshd, JsonProbe Probe, IReadOnlyList<JsonCheck>? Checks);

/// <summary>A verdict: its state, the sentence to read first and the headline's commands and runbook section, then every finding.</summary>
/// <param name="Target">host:port the verdict is about.</param>
/// <param name="State"><c>healthy</c>, <c>warning</c>, <c>critical</c> or <c>unknown</c>.</param>
/// <param name="Sentence">The headline's summary, or the healthy (or unknown) sentence.</param>
/// <param name="Alert">The headline's alert; null when healthy or unknown.</param>
/// <param name="Confirm">The headline's commands that confirm it.</param>
/// <param name="Fix">The headline's commands that fix it.</param>
/// <param name="RunbookUrl">The headline's runbook section; null when healthy or unknown.</param>
/// <param name="Findings">Every finding, most important first.</param>
public sealed record JsonVerdict(
    string Target, string State, string Sentence, string? Alert, IReadOnlyList<string> Confirm, IReadOnlyList<string> Fix, string? RunbookUrl, IReadOnlyList<JsonFinding> Findings);

/// <summary>One finding of a verdict, as <see cref="Finding"/> has it.</summary>
public sealed record JsonFinding(
    string Alert, string Severity, string Kind, string Target, string Summary, string? FixHint,
    IReadOnlyList<string> Confirm, IReadOnlyList<string> Fix, string RunbookUrl, IReadOnlyList<string> Evidence);

/// <summary>
/// The probe: its outcome (a value of <c>ssh_probe_outcome</c>'s label) and phase durations, or, when the prober
/// could not probe from its own side, <paramref name="LocalFailure"/> (a value of <c>ssh_exporter_probe_local_failures_total</c>'s
/// reason) and no outcome.
/// </summary>
public sealed record JsonProbe(
    string Target, string Module, string? Outcome, bool Success, double? DurationSeconds, double TimeoutSeconds, string? Address, int? IpProtocol,
    string? Identification, IReadOnlyDictionary<string, double>? PhaseSeconds, string? LocalFailure, string? LocalFailureDetail);

/// <summary>One local check: whether it could look, what it found (or why it could not look), and the alerts it calls for.</summary>
public sealed record JsonCheck(string Check, bool Looked, string Description, IReadOnlyList<string> Alerts, IReadOnlyList<string> RunbookUrls, double DurationSeconds);

/// <summary>Builds <see cref="JsonReport"/>'s parts from the verdicts, the probe and the checks.</summary>
internal static class JsonReports
{
    public static JsonVerdict Verdict(Verdict verdict, string healthy, string unknown) => new(
        verdict.Target.ToString(),
        Lower(verdict.State),
        verdict.Headline?.Summary ?? (verdict.State == VerdictState.Healthy ? healthy : unknown),
        verdict.Headline?.AlertName,
        verdict.Headline?.Confirm ?? [],
        verdict.Headline?.Fix ?? [],
        verdict.Headline?.RunbookUrl,
        [.. verdict.Findings.Select(Finding)]);

    public static JsonProbe Probe(CommandLineProbe probe) => probe.Result is { } result
        ? new(
            probe.Job.Target.ToString(), probe.Job.ModuleName, result.Outcome.ToLabel(), result.Success, result.Duration.TotalSeconds, probe.Job.Timeout.TotalSeconds,
            result.Address?.ToString(), result.IpProtocol, result.Identification?.ToString(),
            ProbePhases.All.ToDictionary(phase => phase.ToLabel(), phase => result.PhaseDuration(phase).TotalSeconds), null, null)
        : new(
            probe.Job.Target.ToString(), probe.Job.ModuleName, null, false, null, probe.Job.Timeout.TotalSeconds, null, null, null, null,
            probe.LocalFailure?.ToLabel(), probe.LocalFailureLine);

    /// <summary>The checks with the words and runbook sections of the <c>/sidecar</c> page (<see cref="SidecarReportText"/>).</summary>
    public static IReadOnlyList<JsonCheck> Checks(SidecarReport report, RunbookLinks runbook) =>
    [
        .. report.Checks.Zip(SidecarReportText.Lines(report, runbook), (outcome, line) => new JsonCheck(
            outcome.Check,
            outcome.Result.Status.CouldRun,
            outcome.Result.Status.CouldRun ? outcome.Result.Describe() : outcome.Result.Status.Detail,
            SidecarReportText.Alerts(outcome, report),
            line.RunbookUrls,
            outcome.Duration.TotalSeconds)),
    ];

    private static JsonFinding Finding(Finding finding) => new(
        finding.AlertName, Lower(finding.Severity), Lower(finding.Kind), finding.Target.ToString(), finding.Summary, finding.FixHint,
        finding.Confirm, finding.Fix, finding.RunbookUrl, finding.Evidence);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
