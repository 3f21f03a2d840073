using SshExporter.Runbook;
using SshExporter.Sidecar.Service;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar.Checks;

/// <summary>Runbook step 1, "is sshd running?": systemd where it runs the host, else sshd's pid file.</summary>
public sealed class ServiceSidecarCheck : ISidecarCheck
{
    public string Name => SidecarChecks.Service;

    /// <summary>The config names the pid file.</summary>
    public IReadOnlyList<string> Needs => [SidecarChecks.Config];

    public async Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken)
    {
        var config = context.Result<ConfigResult>().Parsed;
        var options = new ServiceCheckOptions
        {
            Units = context.Settings.SystemdUnits,
            // "PidFile none" (null) makes the service check scan the process table instead.
            PidFile = config.Status.CouldRun ? config.PidFile : SshdDefaults.PidFile,
        };
        var report = await new ServiceCheck(context.Paths, context.Runner, options).RunAsync(cancellationToken);
        return new ServiceResult(report, context.Settings.SshdBinary);
    }

    public CheckResult CouldNotRun(SidecarContext context, string reason) =>
        new ServiceResult(ServiceReport.CouldNotRun(ServiceMethod.Systemd, reason), context.Settings.SshdBinary);
}

/// <summary>Whether sshd runs, and how to start it on this host when it does not.</summary>
/// <param name="Report">What the service check found.</param>
/// <param name="SshdBinary">The configured sshd, to start it by hand where no systemd unit was found.</param>
public sealed record ServiceResult(ServiceReport Report, string SshdBinary) : CheckResult(Report.Status)
{
    /// <summary>The service check looked and sshd is not running: nothing listening follows from that.</summary>
    public bool SshdDown => Status.CouldRun && !Report.Active;

    /// <summary>
    /// The unit systemd knows (<c>systemctl start sshd</c> for sshd.service); without one, the binary itself,
    /// since a host without systemd starts services its own way.
    /// </summary>
    public string StartHint => Report.Unit is { } unit
        ? $"systemctl start {(unit.EndsWith(".service", StringComparison.Ordinal) ? unit[..^".service".Length] : unit)}"
        : $"{SshdBinary} (or through the init system)";

    public override string Describe() => Report.Active
        ? $"sshd is running ({Report.Method.ToLabel()}: {Report.Detail})"
        : $"sshd is NOT running ({Report.Detail}); start it: {StartHint}";

    public override IEnumerable<string> Alerts(SidecarReport report) =>
        Report.Active ? [] : [RunbookLinks.Alert(SidecarFinding.ServiceNotRunning)];

    public override void Write(SidecarGauges gauges) =>
        gauges.Flag("sshd_service_active", "1 when the sshd service is running (socket activation counts).", Status, Report.Active);
}
