using SshExporter.Runbook;
using SshExporter.Sidecar.Listener;

namespace SshExporter.Sidecar.Checks;

/// <summary>Runbook step 4, "is sshd listening?" (<c>ss -tlnp</c>) on each watched port.</summary>
public sealed class ListenerSidecarCheck : ISidecarCheck
{
    public string Name => SidecarChecks.Listener;

    /// <summary>The config names the ports.</summary>
    public IReadOnlyList<string> Needs => [SidecarChecks.Config];

    public Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken) =>
        Task.FromResult<CheckResult>(new ListenerResult(new ListenerCheck(context.Paths).Run(context.Result<ConfigResult>().WatchedPorts)));

    public CheckResult CouldNotRun(SidecarContext context, string reason) => new ListenerResult(new ListenerReport(CheckStatus.CouldNotRun(reason), [], []));
}

public sealed record ListenerResult(ListenerReport Report) : CheckResult(Report.Status)
{
    public override string Describe() => string.Join("; ", Report.Ports.Select(port => port.Listening
        ? $"port {port.Port} listening on {string.Join(", ", port.Addresses)}" + (port.Owners.Count > 0 ? $" by {string.Join(", ", port.Owners)}" : "")
        : $"port {port.Port} NOT listening"));

    /// <summary>With sshd down, nothing listening follows from it: the service line names the cause.</summary>
    public override IEnumerable<string> Alerts(SidecarReport report) =>
        report.Get<ServiceResult>() is { SshdDown: true } || Report.Ports.All(port => port.Listening)
            ? []
            : [RunbookLinks.Alert(SidecarFinding.PortNotListening)];

    public override void Write(SidecarGauges gauges)
    {
        var listening = gauges.Create("sshd_listener_up", "1 when a TCP socket is in LISTEN on that port (what ss -tlnp shows).", "port");
        var bindings = gauges.Create("sshd_listener_info", "1 for each address bound in LISTEN on that port and the command owning it (empty when it cannot be named).", "port", "address", "process");
        if (!Status.CouldRun)
        {
            return;
        }

        foreach (var port in Report.Ports)
        {
            listening.WithLabels(SidecarGauges.Label(port.Port)).Set(port.Listening ? 1 : 0);
        }

        foreach (var binding in Report.Bindings)
        {
            bindings.WithLabels(SidecarGauges.Label(binding.Port), binding.Address, binding.Process).Set(1);
        }
    }
}
