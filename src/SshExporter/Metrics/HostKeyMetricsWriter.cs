using Prometheus;
using SshExporter.Probing.HostKey;

namespace SshExporter.Metrics;

/// <summary>
/// The host key stage's series, beside the probe's own in the same registry and with the same target labels.
/// None of them is written for a probe whose module has no host key stage, or whose stage did not run.
/// </summary>
public sealed class HostKeyMetricsWriter
{
    private readonly Gauge _received;
    private readonly Gauge _info;
    private readonly Gauge _pinMatches;

    public HostKeyMetricsWriter(CollectorRegistry registry, IReadOnlyList<string> targetLabelNames)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] target = [.. targetLabelNames];
        Gauge Create(string name, string help, params string[] own) =>
            factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = [.. target, .. own], SuppressInitialValue = true });

        _received = Create("ssh_host_key_received", "1 when the host key stage received a host key whose signature over the key exchange verified.");
        _info = Create("ssh_host_key_info", "The verified host key: its type and its SHA-256 fingerprint as ssh-keygen -l prints it.", "type", "fingerprint_sha256");
        _pinMatches = Create("ssh_host_key_pin_matches", "1 when the verified host key matches a pinned fingerprint of the target (and is not revoked); present only for targets with pins.");
    }

    public void Write(HostKeyResult? result, string[] targetLabelValues)
    {
        if (result is null)
        {
            return;
        }

        _received.WithLabels(targetLabelValues).Set(result.Received ? 1 : 0);
        if (result.Received)
        {
            _info.WithLabels([.. targetLabelValues, result.KeyType!, result.Fingerprint!.Text]).Set(1);
        }

        if (result.HasPins)
        {
            _pinMatches.WithLabels(targetLabelValues).Set(result.MatchedPin is not null ? 1 : 0);
        }
    }
}
