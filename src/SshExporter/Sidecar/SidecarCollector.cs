using System.Net.Sockets;
using SshExporter.Probing;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Listener;
using SshExporter.Sidecar.Service;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar;

/// <summary>
/// Runs the runbook's checks on the SSH server's own host, all at once, when Prometheus scrapes: the service,
/// the ports sshd_config names, <c>sshd -t</c>, the host keys, the firewall, what listens, and a loopback probe of each port.
/// </summary>
public sealed class SidecarCollector(TimeProvider time, SshProber prober)
{
    /// <summary>
    /// Runs every check within <paramref name="budget"/> (the scrape's probe timeout): a check still running
    /// then is stopped and reported as "could not look", so a hung tool never costs the whole scrape.
    /// </summary>
    public async Task<SidecarReport> CollectAsync(SidecarSettings settings, ModuleSettings localProbeModule, TimeSpan budget, CancellationToken cancellationToken)
    {
        var durations = new Dictionary<string, TimeSpan>();
        var paths = settings.Paths;
        using var deadline = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        string late = $"did not finish within {budget.TotalSeconds:0.###}s";

        var config = Timed(durations, SidecarChecks.Config, () => SshdConfigParser.Parse(paths, settings.SshdConfig));
        // Unreadable config: sshd would listen on its default port, so that is the one worth checking.
        int[] ports = [.. (config.Status.CouldRun ? config.Ports : [SshdDefaults.Port]).Concat(settings.ExtraPorts).Distinct().Order()];

        var service = BoundedAsync(durations, SidecarChecks.Service,
            () => new ServiceCheck(paths, ServiceOptions(settings, config), time).RunAsync(token),
            () => ServiceReport.CouldNotRun(ServiceMethod.Systemd, late),
            token, cancellationToken);
        var validity = BoundedAsync(durations, SidecarChecks.ConfigValid,
            () => new SshdConfigValidator(time, settings.SshdBinary).ValidateAsync(paths, settings.SshdConfig, token),
            () => SshdConfigValidity.CouldNotRun(late),
            token, cancellationToken);
        var firewall = BoundedAsync(durations, SidecarChecks.Firewall,
            () => FirewallCheck.Create(time).EvaluateAsync(ports, token),
            () => new FirewallReport([FirewallBackendReport.CouldNotRun(FirewallBackends.Iptables, late)]),
            token, cancellationToken);
        var hostKeys = Timed(durations, SidecarChecks.HostKeys, () => HostKeyCheck.Check(paths, config));
        var listener = Timed(durations, SidecarChecks.Listener, () => new ListenerCheck(paths).Run(ports));
        // Each probe has the budget as its own timeout, so it ends in time by itself.
        var localProbes = BoundedAsync(durations, SidecarChecks.LocalProbe,
            () => Task.WhenAll(ports.Select(async port =>
                new LocalProbe(port, await prober.ProbeAsync(LoopbackTarget(listener, port), localProbeModule, budget, null, cancellationToken)))),
            () => [],
            cancellationToken, cancellationToken);

        return new SidecarReport(config, ports, await service, await validity, hostKeys, listener, await firewall, await localProbes, durations);
    }

    /// <summary>
    /// The runbook's "test locally first": 127.0.0.1, or ::1 when sshd listens on IPv6 only. Only loopback is
    /// dialled; an sshd bound to another address alone shows as refused here, and the listener line says where it is.
    /// </summary>
    private static TargetAddress LoopbackTarget(ListenerReport listener, int port) =>
        listener.ForPort(port) is { Listening: true } found && found.Sockets.All(s => s.Address.AddressFamily == AddressFamily.InterNetworkV6 && !s.Address.IsIPv4MappedToIPv6)
            ? new TargetAddress("::1", port)
            : new TargetAddress("127.0.0.1", port);

    private static ServiceCheckOptions ServiceOptions(SidecarSettings settings, ParsedSshdConfig config) => new()
    {
        Units = settings.SystemdUnit.Length > 0 ? [settings.SystemdUnit] : ServiceCheckOptions.DefaultUnits,
        // "PidFile none" (null) makes the service check scan the process table instead.
        PidFile = config.Status.CouldRun ? config.PidFile : SshdDefaults.PidFile,
    };

    private T Timed<T>(Dictionary<string, TimeSpan> durations, string check, Func<T> run)
    {
        long start = time.GetTimestamp();
        var result = run();
        lock (durations)
        {
            durations[check] = time.GetElapsedTime(start);
        }

        return result;
    }

    private async Task<T> BoundedAsync<T>(
        Dictionary<string, TimeSpan> durations, string check, Func<Task<T>> run, Func<T> ranOutOfTime, CancellationToken token, CancellationToken caller)
    {
        long start = time.GetTimestamp();
        T result;
        try
        {
            // WaitAsync: even a check that ignores its token cannot hold the scrape past the deadline.
            result = await run().WaitAsync(token);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            result = ranOutOfTime();
        }

        lock (durations)
        {
            durations[check] = time.GetElapsedTime(start);
        }

        return result;
    }
}
