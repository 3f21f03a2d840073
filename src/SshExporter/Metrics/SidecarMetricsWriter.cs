using Prometheus;
using SshExporter.Sidecar;

namespace SshExporter.Metrics;

/// <summary>
/// Writes a sidecar report as the metric contract names it: the same two series for every check, then each
/// check's own families. A check that could not look writes <c>sshd_check_success{check} 0</c> and leaves its own
/// metric out, so "could not look" never reads as a fault.
/// </summary>
public sealed class SidecarMetricsWriter(CollectorRegistry registry)
{
    public void Write(SidecarReport report)
    {
        var gauges = new SidecarGauges(registry);
        var checkSuccess = gauges.Create("sshd_check_success", "1 when the local check could run at all; 0 means it could not look, not that it found a fault.", "check");
        var checkDuration = gauges.Create("sshd_check_duration_seconds", "How long each local check took.", "check");
        foreach (var outcome in report.Checks)
        {
            checkSuccess.WithLabels(outcome.Check).Set(outcome.Result.Status.CouldRun ? 1 : 0);
            checkDuration.WithLabels(outcome.Check).Set(outcome.Duration.TotalSeconds);
        }

        foreach (var (part, status) in report.Checks.SelectMany(outcome => outcome.Result.Parts))
        {
            checkSuccess.WithLabels(part).Set(status.CouldRun ? 1 : 0);
        }

        foreach (var outcome in report.Checks)
        {
            outcome.Result.Write(gauges);
        }
    }
}
