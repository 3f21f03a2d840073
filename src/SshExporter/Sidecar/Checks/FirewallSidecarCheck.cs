using SshExporter.Runbook;
using SshExporter.Sidecar.Firewall;

namespace SshExporter.Sidecar.Checks;

/// <summary>
/// Runbook step 3: does each host firewall let a new connection in on the watched ports? A thin adapter: the
/// firewall code decides, this says what to export and how to tell it.
/// </summary>
public sealed class FirewallSidecarCheck : ISidecarCheck
{
    public string Name => SidecarChecks.Firewall;

    /// <summary>The config names the ports.</summary>
    public IReadOnlyList<string> Needs => [SidecarChecks.Config];

    public async Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken) =>
        new FirewallResult(await FirewallCheck.Create(context.Runner).EvaluateAsync(context.Result<ConfigResult>().WatchedPorts, cancellationToken));

    public CheckResult CouldNotRun(SidecarContext context, string reason) =>
        new FirewallResult(new FirewallReport([FirewallBackendReport.CouldNotRun(FirewallBackends.Iptables, reason)]));
}

/// <summary>
/// The firewall counts as looked at when any backend could be read. Each installed backend also reports on its
/// own as <c>firewall_BACKEND</c>; one that is not installed is no fault and is left out.
/// </summary>
public sealed record FirewallResult(FirewallReport Report) : CheckResult(StatusOf(Report))
{
    public override IEnumerable<KeyValuePair<string, CheckStatus>> Parts =>
        Report.Backends.Where(b => !b.ToolMissing).Select(b => KeyValuePair.Create($"{SidecarChecks.Firewall}_{b.Backend}", b.Status));

    public override string Describe() => string.Join("; ", Report.Backends.Select(b => b.Status.CouldRun
        ? $"{b.Backend}: {string.Join(", ", b.Ports.Select(p => p.ToString()))}"
        : $"{b.Backend}: could not look ({b.Status.Detail})"));

    /// <summary>A port a backend blocks, and an installed backend that could not be read (its own check fails).</summary>
    public override IEnumerable<string> Alerts(SidecarReport report)
    {
        if (Report.Backends.Any(b => b.Ports.Any(p => !p.Allowed)))
        {
            yield return RunbookLinks.Alert(SidecarFinding.FirewallBlocks);
        }

        if (Report.Backends.Any(b => !b.Status.CouldRun && !b.ToolMissing))
        {
            yield return RunbookLinks.Alert(SidecarFinding.CheckCouldNotLook);
        }
    }

    public override void Write(SidecarGauges gauges)
    {
        var allowed = gauges.Create("sshd_firewall_port_allowed", "1 when that firewall lets new inbound TCP connections in on that port.", "backend", "port");
        foreach (var backend in Report.Backends.Where(b => b.Status.CouldRun))
        {
            foreach (var decision in backend.Ports)
            {
                allowed.WithLabels(backend.Backend, SidecarGauges.Label(decision.Port)).Set(decision.Allowed ? 1 : 0);
            }
        }
    }

    private static CheckStatus StatusOf(FirewallReport report) => report.Backends.Any(b => b.Status.CouldRun)
        ? CheckStatus.Ran()
        : CheckStatus.CouldNotRun(string.Join("; ", report.Backends.Select(b => $"{b.Backend}: {b.Status.Detail}")));
}
