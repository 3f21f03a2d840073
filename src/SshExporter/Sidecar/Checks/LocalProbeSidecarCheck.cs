using System.Net.Sockets;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;
using SshExporter.Runbook;
using SshExporter.Sidecar.Listener;

namespace SshExporter.Sidecar.Checks;

/// <summary>The runbook's "test locally first": an SSH probe of each watched port over loopback.</summary>
public sealed class LocalProbeSidecarCheck(SshProber prober) : ISidecarCheck
{
    /// <summary>
    /// Each probe ends this much before the deadline, so that a port that does not answer is reported as the
    /// probe's own timeout (a finding) rather than as a check that ran out of time.
    /// </summary>
    internal static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest the loopback probe waits for a socket slot before it starts.</summary>
    private static readonly TimeSpan MaxSlotWait = TimeSpan.FromSeconds(1);

    public string Name => SidecarChecks.LocalProbe;

    /// <summary>The config names the ports; the listener says whether to dial IPv4 or IPv6.</summary>
    public IReadOnlyList<string> Needs => [SidecarChecks.Config, SidecarChecks.Listener];

    public async Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken)
    {
        var listener = context.Result<ListenerResult>().Report;
        var left = TimeSpan.FromMilliseconds(Math.Max(1, (context.TimeLeft - DeadlineMargin).TotalMilliseconds));
        // A socket slot is waited for only briefly, and out of the probe's own time, so that wait and probe together
        // end before the check's deadline and a silent port is still reported as a timeout.
        var slotWait = TimeSpan.FromTicks(Math.Min(MaxSlotWait.Ticks, left.Ticks / 4));
        var timeout = left - slotWait;
        try
        {
            var probes = await Task.WhenAll(context.Result<ConfigResult>().WatchedPorts.Select(async port =>
                new LocalProbe(port, await prober.ProbeAsync(LoopbackTarget(listener, port), context.LocalProbeModule, timeout, null, cancellationToken, slotWait: slotWait))));
            return new LocalProbeResult(probes);
        }
        catch (LocalProbeFailureException e)
        {
            // The exporter's own lack says nothing about sshd: the check could not look. Counted as every probe is.
            Metrics.ExporterMetrics.CountLocalFailure(e.Reason);
            return CouldNotRun(context, e.Message);
        }
    }

    public CheckResult CouldNotRun(SidecarContext context, string reason) => new LocalProbeResult([], CheckStatus.CouldNotRun(reason));

    /// <summary>
    /// 127.0.0.1, or ::1 when sshd listens on IPv6 only. Only loopback is dialled; an sshd bound to another
    /// address alone shows as refused here, and the listener line says where it is.
    /// </summary>
    private static TargetAddress LoopbackTarget(ListenerReport listener, int port) =>
        listener.ForPort(port) is { Listening: true } found && found.Sockets.All(s => s.Address.AddressFamily == AddressFamily.InterNetworkV6 && !s.Address.IsIPv4MappedToIPv6)
            ? new TargetAddress("::1", port)
            : new TargetAddress("127.0.0.1", port);
}

/// <summary>One loopback probe of a port sshd should listen on.</summary>
public sealed record LocalProbe(int Port, ProbeResult Result);

public sealed record LocalProbeResult(IReadOnlyList<LocalProbe> Probes, CheckStatus Status) : CheckResult(Status)
{
    public LocalProbeResult(IReadOnlyList<LocalProbe> probes) : this(probes, CheckStatus.Ran())
    {
    }

    public override string Describe() =>
        string.Join("; ", Probes.Select(p => $"{(p.Result.IpProtocol == 6 ? "[::1]" : "127.0.0.1")}:{p.Port} {p.Result.Outcome.ToLabel()}"));

    /// <summary>With sshd down, a refused probe follows from it: the service line names the cause.</summary>
    public override IEnumerable<string> Alerts(SidecarReport report) =>
        report.Get<ServiceResult>() is { SshdDown: true } ? [] : Probes.Select(p => RunbookLinks.LocalProbeAlert(p.Result.Outcome)).OfType<string>();

    public override void Write(SidecarGauges gauges)
    {
        var success = gauges.Create("sshd_local_probe_success", "1 when sshd answered an SSH probe on 127.0.0.1 at that port.", "port");
        var outcomes = gauges.Create("sshd_local_probe_outcome", "The outcome of the loopback probe of that port; exactly one is 1.", "port", "outcome");
        foreach (var probe in Probes)
        {
            string port = SidecarGauges.Label(probe.Port);
            success.WithLabels(port).Set(probe.Result.Success ? 1 : 0);
            foreach (var outcome in ProbeOutcomes.All)
            {
                outcomes.WithLabels(port, outcome.ToLabel()).Set(probe.Result.Outcome == outcome ? 1 : 0);
            }
        }
    }
}
