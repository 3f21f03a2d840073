using SshExporter.Probing;
using SshExporter.Probing.Kex;
using SshExporter.Sidecar;

namespace SshExporter.Diagnosis;

/// <summary>
/// Which alerts of alerts/ssh-exporter.rules.yml would fire for one target's evidence, before Alertmanager's
/// inhibitions: each method below is one rule's <c>expr</c>, read over the remote outcome and the local view as the
/// rule reads <c>ssh_probe_outcome</c> and the <c>sshd_*</c> series. Timing (<c>for:</c>) is not modelled: a verdict
/// says what the alerts will say once the fault has lasted.
/// </summary>
public static class FiringRules
{
    private static readonly HashSet<ProbeOutcome> FirewallOutcomes = [ProbeOutcome.Refused, ProbeOutcome.ConnectTimeout, ProbeOutcome.Unreachable];
    private static readonly HashSet<ProbeOutcome> SilentOutcomes = [ProbeOutcome.BannerTimeout, ProbeOutcome.ConnectTimeout];
    private static readonly HashSet<ProbeOutcome> OutsideOutcomes = [ProbeOutcome.Refused, ProbeOutcome.ConnectTimeout, ProbeOutcome.Unreachable, ProbeOutcome.BannerTimeout];

    /// <summary>The weak kinds SshWeakAlgorithmsOffered leaves out: stock OpenSSH offers them (see the rule's comment).</summary>
    private static readonly HashSet<WeakAlgorithmCategory> NotAlerted = [WeakAlgorithmCategory.MacSha1, WeakAlgorithmCategory.Mac64BitTag];

    public static IReadOnlyList<FiringAlert> Evaluate(TargetEvidence evidence)
    {
        var local = evidence.Local is { } report ? new LocalView(report) : null;
        var firing = new List<FiringAlert>();
        void Add(VerdictAlert alert, params IEnumerable<string> facts) => firing.Add(new FiringAlert(alert, [.. facts]));

        if (local is not null)
        {
            HostWide(local, Add);
        }

        if (evidence.Remote is { } remote)
        {
            Remote(evidence.Target, remote, local, Add);
        }
        else if (local is not null)
        {
            LoopbackOnly(local, firing.Add);
        }

        if (local is { CouldNotLook.Count: > 0 })
        {
            Add(VerdictAlert.SshSidecarCheckFailing, local.CouldNotLook.Select(failed => $"check {failed.Check} could not look: {failed.Reason}"));
        }

        return firing;
    }

    /// <summary>SshHostKeysMissing, SshConfigInvalid, SshDaemonNotRunning and SshRestartWouldFail: the local view alone.</summary>
    private static void HostWide(LocalView local, Action<VerdictAlert, IEnumerable<string>> add)
    {
        var down = local.SshdDown ? DownFacts(local) : [];
        if (local.SshdDown && local.NoHostKeyPresent)
        {
            add(VerdictAlert.SshHostKeysMissing, [.. down, .. local.MissingHostKeys.Select(key => $"host key missing: {key}")]);
        }
        else if (local.SshdDown && local.ConfigInvalid)
        {
            add(VerdictAlert.SshConfigInvalid, [.. down, $"sshd -t: {local.ConfigError}"]);
        }
        else if (local.SshdDown)
        {
            add(VerdictAlert.SshDaemonNotRunning, down);
        }
        else if (local.ConfigInvalid || local.NoHostKeyPresent)
        {
            add(VerdictAlert.SshRestartWouldFail, [
                .. local.ConfigInvalid ? [$"sshd -t: {local.ConfigError}"] : Array.Empty<string>(),
                .. local.NoHostKeyPresent ? local.MissingHostKeys.Select(key => $"host key missing: {key}") : [],
            ]);
        }
    }

    private static List<string> DownFacts(LocalView local) =>
    [
        $"sshd is not running ({local.Service!.Report.Detail})",
        .. local.Report.Get<Sidecar.Checks.ListenerResult>() is { Status.CouldRun: true } listener
            ? [$"nothing listens on port {string.Join(", ", listener.Report.Ports.Select(port => port.Port))}"]
            : Array.Empty<string>(),
    ];

    /// <summary>The causes on the probed port, the symptoms, and what the probe read of sshd's offer and key.</summary>
    private static void Remote(Probing.TargetAddress target, ProbeResult remote, LocalView? local, Action<VerdictAlert, IEnumerable<string>> add)
    {
        int port = target.Port;
        var outcome = remote.Outcome;
        string seen = $"probe of {target}: {outcome.ToLabel()}";

        if (outcome == ProbeOutcome.BannerInvalid)
        {
            add(VerdictAlert.SshPortTakenByOtherService, [seen, .. Owners(local, port)]);
        }

        if (outcome == ProbeOutcome.DnsError)
        {
            add(VerdictAlert.SshNameNotResolving, [seen]);
        }

        if (outcome == ProbeOutcome.ProtocolUnsupported)
        {
            add(VerdictAlert.SshProtocolUnsupported, [seen, .. remote.Identification is { } id ? [$"identification: {id}"] : Array.Empty<string>()]);
        }

        if (outcome == ProbeOutcome.Throttled)
        {
            add(VerdictAlert.SshProberThrottled, [seen]);
        }

        if (local is not null)
        {
            PortCauses(port, outcome, seen, local, add);
        }

        if (RunbookSymptom(outcome) is { } symptom)
        {
            add(symptom, [seen]);
        }

        Crypto(remote, add);
    }

    /// <summary>The rules that join the remote outcome of the port with the local view on <c>(host, port)</c>.</summary>
    private static void PortCauses(int port, ProbeOutcome outcome, string seen, LocalView local, Action<VerdictAlert, IEnumerable<string>> add)
    {
        bool blocks = local.FirewallBlocks(port);
        if (outcome == ProbeOutcome.Refused && local.ServiceActive && !local.ListensReachably(port) && !blocks
            && !local.CouldNotLookAt(SidecarChecks.Listener))
        {
            add(VerdictAlert.SshDaemonListensElsewhere, [seen, "sshd is running", ListenerFact(local, port)]);
        }

        if (FirewallOutcomes.Contains(outcome) && blocks)
        {
            add(VerdictAlert.SshHostFirewallBlocking, [seen, .. local.BlockingDecisions(port)]);
        }

        if (SilentOutcomes.Contains(outcome) && local.Loopback(port) is { } loopback && SilentOutcomes.Contains(loopback.Outcome)
            && local.Listening(port) && !blocks)
        {
            add(VerdictAlert.SshDaemonNotAnswering, [seen, $"loopback probe of port {port}: {loopback.Outcome.ToLabel()}", ListenerFact(local, port)]);
        }

        if (OutsideOutcomes.Contains(outcome) && local.Loopback(port) is { Success: true } && local.ListensReachably(port) && !blocks
            && !local.CouldNotLookAt(SidecarChecks.Firewall) && !local.CouldNotLookAt(SidecarChecks.Listener) && !local.CouldNotLookAt(SidecarChecks.LocalProbe))
        {
            add(VerdictAlert.SshBlockedOutsideHost, [seen, $"loopback probe of port {port}: success", ListenerFact(local, port), $"the host firewall allows port {port}"]);
        }
    }

    /// <summary>
    /// With no remote probe (the local sshd on its own page) the loopback probe of each watched port stands in for it,
    /// for the faults a loopback probe shows as well as a remote one: sshd hung (what SshDaemonNotAnswering's rule
    /// asks of the loopback probe), another program on the port, and sshd not on a port its configuration names. The
    /// host firewall, which loopback does not cross, is named when it lets no remote address in: a remote probe
    /// then fails, and its rule fires.
    /// </summary>
    private static void LoopbackOnly(LocalView local, Action<FiringAlert> add)
    {
        // With sshd down, the loopback probes fail because of it: the host-wide cause already names that.
        foreach (var probe in local.SshdDown ? [] : local.LoopbackProbes)
        {
            int port = probe.Port;
            string seen = $"loopback probe of port {port}: {probe.Result.Outcome.ToLabel()}";
            var alert = probe.Result.Outcome switch
            {
                ProbeOutcome.BannerTimeout or ProbeOutcome.ConnectTimeout when local.Listening(port) => VerdictAlert.SshDaemonNotAnswering,
                ProbeOutcome.BannerInvalid => VerdictAlert.SshPortTakenByOtherService,
                ProbeOutcome.Refused when local.ServiceActive && local.Listeners(port) is { Listening: false } => VerdictAlert.SshDaemonListensElsewhere,
                _ => (VerdictAlert?)null,
            };
            if (alert is { } found)
            {
                add(new FiringAlert(found, [seen, ListenerFact(local, port)], port));
            }
        }

        foreach (int port in local.WatchedPorts.Where(local.FirewallBlocks))
        {
            add(new FiringAlert(VerdictAlert.SshHostFirewallBlocking, [.. local.BlockingDecisions(port)], port));
        }
    }

    /// <summary>The symptom alert of a remote outcome; none for those only a cause pages for.</summary>
    private static VerdictAlert? RunbookSymptom(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Refused => VerdictAlert.SshConnectionRefused,
        ProbeOutcome.ConnectTimeout => VerdictAlert.SshConnectionTimeout,
        ProbeOutcome.Unreachable => VerdictAlert.SshHostUnreachable,
        ProbeOutcome.Reset or ProbeOutcome.Closed => VerdictAlert.SshConnectionDropped,
        ProbeOutcome.BannerTimeout => VerdictAlert.SshBannerTimeout,
        _ => null,
    };

    /// <summary>
    /// The group ssh-exporter.crypto, from one probe: what the KEXINIT offered, and a verified host key that matches
    /// no pin (or a revoked one). A stage that got no verified key pages only after 45 minutes of them, so one probe
    /// is no verdict.
    /// </summary>
    private static void Crypto(ProbeResult remote, Action<VerdictAlert, IEnumerable<string>> add)
    {
        if (remote.HostKey is { Received: true } key && (key.HasPins || key.Revoked is not null) && key.MatchedPin is null)
        {
            add(VerdictAlert.SshHostKeyPinMismatch, [$"host key {key.KeyType} {key.Fingerprint!.Text}" + (key.Revoked is not null ? " is revoked" : " matches no pin")]);
        }

        if (remote.KexInit is { Received: true } kex)
        {
            if (kex.Verdicts.TerrapinVulnerable)
            {
                add(VerdictAlert.SshTerrapinVulnerable, ["no strict key exchange (kex-strict-s-v00@openssh.com), with chacha20-poly1305 or CBC with an -etm MAC"]);
            }

            var weak = WeakAlgorithmCategories.All.Where(category => !NotAlerted.Contains(category) && kex.Verdicts.Offers(category)).ToList();
            if (weak.Count > 0)
            {
                add(VerdictAlert.SshWeakAlgorithmsOffered, weak.Select(category => $"{category.ToLabel()}: {string.Join(", ", kex.Verdicts.WeakNames[(int)category])}"));
            }

            if (!kex.Verdicts.PostQuantumOffered)
            {
                add(VerdictAlert.SshPostQuantumKexMissing, ["no mlkem768x25519-sha256 or sntrup761x25519-sha512 in the key exchange list"]);
            }
        }
    }

    private static string ListenerFact(LocalView local, int port) => local.Listeners(port) switch
    {
        null => $"port {port} is not among the ports the sidecar watches",
        { Listening: false } => $"nothing listens on port {port}",
        var listeners => $"port {port} listening on {string.Join(", ", listeners.Addresses)}"
            + (listeners.Owners.Count > 0 ? $" by {string.Join(", ", listeners.Owners)}" : ""),
    };

    private static IEnumerable<string> Owners(LocalView? local, int port) =>
        local?.Listeners(port) is { Listening: true } ? [ListenerFact(local, port)] : [];
}
