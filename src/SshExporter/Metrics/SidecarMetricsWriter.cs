using System.Globalization;
using Prometheus;
using SshExporter.Probing;
using SshExporter.Sidecar;

namespace SshExporter.Metrics;

/// <summary>
/// Writes a sidecar report as the metric contract names it. A check that could not look writes
/// <c>sshd_check_success{check} 0</c> and leaves its own metric out, so "could not look" never reads as a fault.
/// </summary>
public sealed class SidecarMetricsWriter(CollectorRegistry registry)
{
    private readonly MetricFactory _factory = Prometheus.Metrics.WithCustomRegistry(registry);

    public void Write(SidecarReport report)
    {
        var checkSuccess = Gauge("sshd_check_success", "1 when the local check could run at all; 0 means it could not look, not that it found a fault.", "check");
        var checkDuration = Gauge("sshd_check_duration_seconds", "How long each local check took.", "check");
        foreach (var (check, status) in report.Statuses)
        {
            checkSuccess.WithLabels(check).Set(status.CouldRun ? 1 : 0);
            if (report.Durations.TryGetValue(check, out var duration))
            {
                checkDuration.WithLabels(check).Set(duration.TotalSeconds);
            }
        }

        var service = Gauge("sshd_service_active", "1 when the sshd service is running (socket activation counts).");
        if (report.Service.Status.CouldRun)
        {
            service.Set(report.Service.Active ? 1 : 0);
        }

        var ports = Gauge("sshd_config_port_info", "1 for each port sshd_config makes sshd listen on (22 when it names none).", "port");
        if (report.Config.Status.CouldRun)
        {
            foreach (int port in report.Config.Ports)
            {
                ports.WithLabels(Label(port)).Set(1);
            }
        }

        var valid = Gauge("sshd_config_valid", "1 when sshd -t accepts the configuration.");
        if (report.Validity.Status.CouldRun)
        {
            valid.Set(report.Validity.Valid ? 1 : 0);
        }

        var keys = Gauge("sshd_host_key_present", "1 when every host key file of that type exists, is non-empty and readable (fix: ssh-keygen -A).", "type");
        if (report.HostKeys.Status.CouldRun)
        {
            foreach (var byType in report.HostKeys.Keys.GroupBy(k => k.Type))
            {
                keys.WithLabels(byType.Key).Set(byType.All(k => k.Present) ? 1 : 0);
            }
        }

        var listening = Gauge("sshd_listener_up", "1 when a TCP socket is in LISTEN on that port (what ss -tlnp shows).", "port");
        if (report.Listener.Status.CouldRun)
        {
            foreach (int port in report.Ports)
            {
                listening.WithLabels(Label(port)).Set(report.Listener.ForPort(port)?.Listening == true ? 1 : 0);
            }
        }

        var bindings = Gauge("sshd_listener_info", "1 for each address bound in LISTEN on that port and the command owning it (empty when it cannot be named).", "port", "address", "process");
        if (report.Listener.Status.CouldRun)
        {
            foreach (var binding in report.Listener.Bindings)
            {
                bindings.WithLabels(Label(binding.Port), binding.Address, binding.Process).Set(1);
            }
        }

        var firewall = Gauge("sshd_firewall_port_allowed", "1 when that firewall lets new inbound TCP connections in on that port.", "backend", "port");
        foreach (var backend in report.Firewall.Backends.Where(b => b.Status.CouldRun))
        {
            foreach (var decision in backend.Ports)
            {
                firewall.WithLabels(backend.Backend, Label(decision.Port)).Set(decision.Allowed ? 1 : 0);
            }
        }

        var localSuccess = Gauge("sshd_local_probe_success", "1 when sshd answered an SSH probe on 127.0.0.1 at that port.", "port");
        var localOutcome = Gauge("sshd_local_probe_outcome", "The outcome of the loopback probe of that port; exactly one is 1.", "port", "outcome");
        foreach (var probe in report.LocalProbes)
        {
            string port = Label(probe.Port);
            localSuccess.WithLabels(port).Set(probe.Result.Success ? 1 : 0);
            foreach (var outcome in ProbeOutcomes.All)
            {
                localOutcome.WithLabels(port, outcome.ToLabel()).Set(probe.Result.Outcome == outcome ? 1 : 0);
            }
        }
    }

    private Gauge Gauge(string name, string help, params string[] labels) =>
        _factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = labels, SuppressInitialValue = true });

    private static string Label(int port) => port.ToString(CultureInfo.InvariantCulture);
}
