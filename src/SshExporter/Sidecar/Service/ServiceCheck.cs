using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.Service;

/// <summary>
/// Runbook step 1, "is sshd running?" (<c>systemctl status sshd</c>). Where systemd runs the host it decides;
/// otherwise the PidFile does, and with no PidFile a process scan.
/// </summary>
public sealed class ServiceCheck(HostPaths paths, ICommandRunner runner, ServiceCheckOptions? options = null)
{
    private readonly ServiceCheckOptions _options = options ?? new ServiceCheckOptions();

    public async Task<ServiceReport> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!SystemdProbe.IsPresent(paths))
        {
            return WithoutSystemd();
        }

        SystemdAnswer answer = await new SystemdProbe(_options, runner).AskAsync(cancellationToken);
        if (answer.Report is { } decided)
        {
            return decided;
        }

        ServiceReport fallback = WithoutSystemd();
        if (answer.Unusable && fallback.Status.CouldRun && !fallback.Active)
        {
            // systemd could not be asked (say, the host's rootfs is mounted but not its bus), so a socket unit may
            // hold the port with no sshd running yet: only a positive answer from another method stands.
            return ServiceReport.CouldNotRun(ServiceMethod.Systemd, $"{answer.Note}; {fallback.Detail}");
        }

        string detail = $"{answer.Note}; {fallback.Detail}";
        return fallback with { Detail = detail, Status = fallback.Status with { Detail = detail } };
    }

    private ServiceReport WithoutSystemd() => _options.PidFile is { } pidFile
        ? PidFileProbe.Check(paths, pidFile)
        : ProcessScanProbe.Scan(paths, _options.MaxProcessesScanned);
}
