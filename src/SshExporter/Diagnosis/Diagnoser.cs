using SshExporter.Runbook;
using SshExporter.Sidecar.Checks;

namespace SshExporter.Diagnosis;

/// <summary>
/// The verdict on one target: the alerts that would fire (<see cref="FiringRules"/>), less the symptoms
/// alerts/alertmanager.example.yml inhibits, ordered and told. Pure and synchronous, shared by the pages and the
/// <c>probe</c> and <c>diagnose</c> commands, so that all three and the alerts name the same cause.
/// </summary>
public static class Diagnoser
{
    public static Verdict Diagnose(TargetEvidence evidence, RunbookLinks runbook)
    {
        if (evidence.Remote is null && evidence.Local is null)
        {
            return new Verdict(evidence.Target, VerdictState.Unknown, []);
        }

        var firing = FiringRules.Evaluate(evidence);
        string? unit = evidence.Local?.Get<ServiceResult>() is { Status.CouldRun: true } service ? service.Report.Unit : null;
        var findings = Inhibited(firing)
            .OrderByDescending(alert => alert.Alert.Severity())
            .ThenBy(alert => alert.Alert)
            .Select(alert => Tell(alert, evidence, unit, runbook))
            .ToList();
        return new Verdict(evidence.Target, StateOf(findings), findings);
    }

    /// <summary>
    /// The firing alerts Alertmanager lets through: a symptom is silenced by any cause of the same host (one without a
    /// port) or of the same host and port. One target's alerts share its host and port, so any cause silences them.
    /// </summary>
    private static IEnumerable<FiringAlert> Inhibited(IReadOnlyList<FiringAlert> firing)
    {
        bool anyCause = firing.Any(alert => alert.Alert.Kind() == DiagnosisKind.Cause);
        return firing.Where(alert => !(anyCause && alert.Alert.Kind() == DiagnosisKind.Symptom));
    }

    private static VerdictState StateOf(IReadOnlyList<Finding> findings) => findings.Select(finding => finding.Severity).DefaultIfEmpty(AlertSeverity.Info).Max() switch
    {
        AlertSeverity.Critical => VerdictState.Critical,
        AlertSeverity.Warning => VerdictState.Warning,
        _ => VerdictState.Healthy,
    };

    private static Finding Tell(FiringAlert alert, TargetEvidence evidence, string? unit, RunbookLinks runbook)
    {
        var step = RunbookSteps.For(alert.Alert);
        var target = alert.Port is { } port ? evidence.Target with { Port = port } : evidence.Target;
        string Fill(string template) => CommandText.Fill(template, target, unit);
        return new Finding(
            alert.Alert,
            target,
            Fill(step.Summary),
            step.FixHint is null ? null : Fill(step.FixHint),
            [.. step.Confirm.Select(Fill)],
            [.. step.Fix.Select(Fill)],
            runbook.Url(alert.Alert.Name()),
            alert.Evidence);
    }
}
