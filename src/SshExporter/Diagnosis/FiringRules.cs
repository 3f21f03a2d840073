namespace SshExporter.Diagnosis;

/// <summary>
/// Which alerts of alerts/ssh-exporter.rules.yml would fire for one target's evidence, before Alertmanager's
/// inhibitions. Each rule's <c>expr</c> is read over the remote outcome and the local view as it reads
/// <c>ssh_probe_outcome</c> and the <c>sshd_*</c> series (<see cref="HostWideRules"/>, <see cref="PortRules"/>,
/// <see cref="CryptoRules"/>). Timing (<c>for:</c>, <c>last_over_time</c>) is not modelled: a verdict says what the
/// alerts will say once the fault has lasted.
/// </summary>
public static class FiringRules
{
    public static IReadOnlyList<FiringAlert> Evaluate(TargetEvidence evidence)
    {
        var local = evidence.Local is { } report ? new LocalView(report) : null;
        var firing = new FiringList();
        if (local is not null)
        {
            HostWideRules.Evaluate(local, firing);
        }

        if (evidence.Remote is { } remote)
        {
            PortRules.Evaluate(evidence.Target, remote, local, firing);
            CryptoRules.Evaluate(remote, firing);
        }
        else if (local is not null)
        {
            PortRules.EvaluateLoopback(local, firing);
        }

        if (local is { CouldNotLook.Count: > 0 })
        {
            firing.Add(VerdictAlert.SshSidecarCheckFailing, local.CouldNotLook.Select(failed => $"check {failed.Check} could not look: {failed.Reason}"));
        }

        return firing;
    }
}
