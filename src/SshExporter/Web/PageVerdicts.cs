using SshExporter.Diagnosis;
using SshExporter.Probing;
using SshExporter.Recent;
using SshExporter.Runbook;
using SshExporter.Sidecar;

namespace SshExporter.Web;

/// <summary>A configured target's verdict as the pages show it, and the probe it was judged from (null: not probed yet).</summary>
internal sealed record TargetVerdict(TargetAddress Address, string Module, Verdict? Verdict, ProbeRecord? Probe);

/// <summary>
/// The pages' verdicts, made by <see cref="Diagnoser"/> from what is already known (the latest probe kept, the
/// shared run of the local checks): a page view never probes. The local checks join a target's probe when the
/// target is this host's sshd: a loopback address on a port the sidecar watches.
/// </summary>
internal static class PageVerdicts
{
    public static TargetVerdict ForTarget(TargetAddress address, string module, RecentProbes recent, SidecarReport? local, RunbookLinks runbook)
    {
        var probe = recent.Latest(address.ToString(), module);
        var verdict = probe is null
            ? null
            : Diagnoser.Diagnose(TargetEvidence.Joined(address, probe.Result, local), runbook);
        return new TargetVerdict(address, module, verdict, probe);
    }

    public static Verdict ForLocalSshd(SidecarReport local, RunbookLinks runbook) =>
        Diagnoser.Diagnose(TargetEvidence.LocalOnly(TargetEvidence.LocalHost, local), runbook);

    /// <summary>Critical first, then warnings, targets not probed yet, and healthy ones; in config order within each.</summary>
    public static int Urgency(TargetVerdict target) => target.Verdict?.State switch
    {
        VerdictState.Critical => 0,
        VerdictState.Warning => 1,
        null or VerdictState.Unknown => 2,
        _ => 3,
    };
}
