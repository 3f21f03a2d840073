using Prometheus;
using SshExporter.Probing.HostKey;

namespace SshExporter.Tests.Metrics.RegistryReference;

/// <summary>
/// The registry path the exporter used before it wrote its exposition directly, kept unchanged as the reference
/// <see cref="DirectExpositionTests"/> compares against.
/// The host key stage's series, beside the probe's own in the same registry and with the same target labels. The
/// families are registered with the first result that has a stage, so a registry of probes without one (every
/// <c>/probe</c> of a module without <c>host_key:</c>) does not show them empty.
/// </summary>
internal sealed class RegistryHostKeyMetricsWriter(CollectorRegistry registry, IReadOnlyList<string> targetLabelNames)
{
    private readonly Lazy<Gauges> _gauges = new(() => new Gauges(registry, targetLabelNames));

    public void Write(HostKeyResult? result, string[] targetLabelValues)
    {
        if (result is null)
        {
            return;
        }

        var gauges = _gauges.Value;
        gauges.Received.WithLabels(targetLabelValues).Set(result.Received ? 1 : 0);
        if (result.Received)
        {
            gauges.Info.WithLabels([.. targetLabelValues, result.KeyType!, result.Fingerprint!.Text]).Set(1);
        }

        // A revoked key is a mismatch even where the target has no pin to match (known_hosts' "@revoked *" alone).
        if (result.HasPins || result.Revoked is not null)
        {
            gauges.PinMatches.WithLabels(targetLabelValues).Set(result.MatchedPin is not null ? 1 : 0);
        }
    }

    private sealed class Gauges
    {
        public Gauges(CollectorRegistry registry, IReadOnlyList<string> targetLabelNames)
        {
            var factory = Prometheus.Metrics.WithCustomRegistry(registry);
            string[] target = [.. targetLabelNames];
            Gauge Create(string name, string help, params string[] own) =>
                factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = [.. target, .. own], SuppressInitialValue = true });

            Received = Create("ssh_host_key_received", "1 when the host key stage received a host key whose signature over the key exchange verified.");
            Info = Create("ssh_host_key_info", "The verified host key: its type and its SHA-256 fingerprint as ssh-keygen -l prints it.", "type", "fingerprint_sha256");
            PinMatches = Create("ssh_host_key_pin_matches", "1 when the verified host key matches a pinned fingerprint of the target (and is not revoked); present only for targets with pins.");
        }

        public Gauge Received { get; }

        public Gauge Info { get; }

        public Gauge PinMatches { get; }
    }
}
