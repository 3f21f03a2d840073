using SshExporter.Probing;
using SshExporter.Sidecar;

namespace SshExporter.Diagnosis;

/// <summary>
/// The causes on one probed port and the symptoms: the outcome alone (SshPortTakenByOtherService,
/// SshNameNotResolving, SshProtocolUnsupported, SshProberThrottled), the outcome joined with the local view on
/// <c>(host, port)</c> (SshDaemonListensElsewhere, SshHostFirewallBlocking, SshDaemonNotAnswering,
/// SshBlockedOutsideHost), and the symptom of the outcome, which <see cref="Diagnoser"/> drops when a cause fires.
/// </summary>
internal static class PortRules
{
    private static readonly HashSet<ProbeOutcome> FirewallOutcomes = [ProbeOutcome.Refused, ProbeOutcome.ConnectTimeout, ProbeOutcome.Unreachable];
    private static readonly HashSet<ProbeOutcome> SilentOutcomes = [ProbeOutcome.BannerTimeout, ProbeOutcome.ConnectTimeout];
    private static readonly HashSet<ProbeOutcome> OutsideOutcomes = [ProbeOutcome.Refused, ProbeOutcome.ConnectTimeout, ProbeOutcome.Unreachable, ProbeOutcome.BannerTimeout];

    public static void Evaluate(TargetAddress target, ProbeResult remote, LocalView? local, FiringList firing)
    {
        int port = target.Port;
        var outcome = remote.Outcome;
        string seen = $"probe of {target}: {outcome.ToLabel()}";
        VerdictAlert? byOutcome = outcome switch
        {
            ProbeOutcome.BannerInvalid => VerdictAlert.SshPortTakenByOtherService,
            ProbeOutcome.DnsError => VerdictAlert.SshNameNotResolving,
            ProbeOutcome.ProtocolUnsupported => VerdictAlert.SshProtocolUnsupported,
            ProbeOutcome.Throttled => VerdictAlert.SshProberThrottled,
            _ => null,
        };
        if (byOutcome is { } cause)
        {
            var more = cause == VerdictAlert.SshPortTakenByOtherService && local?.Listening(port) == true ? [ListenerFact(local, port)]
                : cause == VerdictAlert.SshProtocolUnsupported && remote.Identification is { } id ? [$"identification: {id}"]
                : Array.Empty<string>();
            firing.Add(cause, [seen, .. more]);
        }

        if (local is not null)
        {
            JoinedWithLocal(port, outcome, seen, local, firing);
        }

        if (Symptom(outcome) is { } symptom)
        {
            firing.Add(symptom, [seen]);
        }
    }

    /// <summary>
    /// With no remote probe (the local sshd on its own page) the loopback probe of each watched port stands in for it,
    /// for the faults a loopback probe shows as well as a remote one: sshd hung (what SshDaemonNotAnswering's rule
    /// asks of the loopback probe), another program on the port, and sshd not on a port its configuration names. The
    /// host firewall, which loopback does not cross, is named when it lets no remote address in: a remote probe
    /// then fails, and its rule fires.
    /// </summary>
    public static void EvaluateLoopback(LocalView local, FiringList firing)
    {
        // With sshd down, the loopback probes fail because of it: the host-wide cause already names that.
        foreach (var probe in local.SshdDown ? [] : local.LoopbackProbes)
        {
            int port = probe.Port;
            VerdictAlert? alert = probe.Result.Outcome switch
            {
                ProbeOutcome.BannerTimeout or ProbeOutcome.ConnectTimeout when local.Listening(port) => VerdictAlert.SshDaemonNotAnswering,
                ProbeOutcome.BannerInvalid => VerdictAlert.SshPortTakenByOtherService,
                ProbeOutcome.Refused when local.ServiceActive && local.Listeners(port) is { Listening: false } => VerdictAlert.SshDaemonListensElsewhere,
                _ => null,
            };
            if (alert is { } found)
            {
                firing.Add(found, [$"loopback probe of port {port}: {probe.Result.Outcome.ToLabel()}", ListenerFact(local, port)], port);
            }
        }

        foreach (int port in local.WatchedPorts.Where(local.FirewallBlocks))
        {
            firing.Add(VerdictAlert.SshHostFirewallBlocking, local.BlockingDecisions(port), port);
        }
    }

    /// <summary>The rules that join the remote outcome of the port with the local view on <c>(host, port)</c>.</summary>
    private static void JoinedWithLocal(int port, ProbeOutcome outcome, string seen, LocalView local, FiringList firing)
    {
        bool blocks = local.FirewallBlocks(port);
        if (outcome == ProbeOutcome.Refused && local.ServiceActive && !local.ListensReachably(port) && !blocks
            && !local.CouldNotLookAt(SidecarChecks.Listener))
        {
            firing.Add(VerdictAlert.SshDaemonListensElsewhere, [seen, "sshd is running", ListenerFact(local, port)]);
        }

        if (FirewallOutcomes.Contains(outcome) && blocks)
        {
            firing.Add(VerdictAlert.SshHostFirewallBlocking, [seen, .. local.BlockingDecisions(port)]);
        }

        if (SilentOutcomes.Contains(outcome) && local.Loopback(port) is { } loopback && SilentOutcomes.Contains(loopback.Outcome)
            && local.Listening(port) && !blocks)
        {
            firing.Add(VerdictAlert.SshDaemonNotAnswering, [seen, $"loopback probe of port {port}: {loopback.Outcome.ToLabel()}", ListenerFact(local, port)]);
        }

        if (OutsideOutcomes.Contains(outcome) && local.Loopback(port) is { Success: true } && local.ListensReachably(port) && !blocks
            && !local.CouldNotLookAt(SidecarChecks.Firewall) && !local.CouldNotLookAt(SidecarChecks.Listener) && !local.CouldNotLookAt(SidecarChecks.LocalProbe))
        {
            firing.Add(VerdictAlert.SshBlockedOutsideHost, [seen, $"loopback probe of port {port}: success", ListenerFact(local, port), $"the host firewall allows port {port}"]);
        }
    }

    /// <summary>The symptom alert of a remote outcome; none for those only a cause pages for.</summary>
    private static VerdictAlert? Symptom(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Refused => VerdictAlert.SshConnectionRefused,
        ProbeOutcome.ConnectTimeout => VerdictAlert.SshConnectionTimeout,
        ProbeOutcome.Unreachable => VerdictAlert.SshHostUnreachable,
        ProbeOutcome.Reset or ProbeOutcome.Closed => VerdictAlert.SshConnectionDropped,
        ProbeOutcome.BannerTimeout => VerdictAlert.SshBannerTimeout,
        _ => null,
    };

    private static string ListenerFact(LocalView local, int port) => local.Listeners(port) switch
    {
        null => $"port {port} is not among the ports the sidecar watches",
        { Listening: false } => $"nothing listens on port {port}",
        var listeners => $"port {port} listening on {string.Join(", ", listeners.Addresses)}"
            + (listeners.Owners.Count > 0 ? $" by {string.Join(", ", listeners.Owners)}" : ""),
    };
}
