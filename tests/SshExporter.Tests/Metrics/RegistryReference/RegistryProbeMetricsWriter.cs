using Prometheus;
using SshExporter.Probing;

namespace SshExporter.Tests.Metrics.RegistryReference;

/// <summary>
/// The registry path the exporter used before it wrote its exposition directly, kept unchanged as the reference
/// <see cref="DirectExpositionTests"/> compares against.
/// Writes probe results into a registry as the metric contract names them. For <c>/probe</c> there are no
/// target labels; for <c>/metrics</c> each series carries <c>target</c> plus the configured labels.
/// Safe to call from concurrent probes.
/// </summary>
internal sealed class RegistryProbeMetricsWriter
{
    private readonly Gauge _success;
    private readonly Gauge _refused;
    private readonly Gauge _timeout;
    private readonly Gauge _bannerReceived;
    private readonly Gauge _outcome;
    private readonly Gauge _bannerInfo;
    private readonly Gauge _duration;
    private readonly Gauge _phaseDuration;
    private readonly Gauge _probeTimeout;
    private readonly Gauge _ipProtocol;
    private readonly RegistryKexMetricsWriter _kex;
    private readonly RegistryHostKeyMetricsWriter _hostKey;

    public RegistryProbeMetricsWriter(CollectorRegistry registry, IReadOnlyList<string> targetLabelNames)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] target = [.. targetLabelNames];
        Gauge Create(string name, string help, params string[] own) =>
            factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = [.. target, .. own], SuppressInitialValue = true });

        _success = Create("ssh_probe_success", "1 when a valid SSH identification was received and every enabled check passed.");
        _refused = Create("ssh_connection_refused", "1 when the TCP connect was refused.");
        _timeout = Create("ssh_connection_timeout", "1 when the TCP connect got no answer within the timeout.");
        _bannerReceived = Create("ssh_banner_received", "1 when a valid SSH identification line arrived.");
        _outcome = Create("ssh_probe_outcome", "1 for the outcome of the probe, 0 for every other outcome.", "outcome");
        _bannerInfo = Create("ssh_banner_info", "The server's identification line, split as RFC 4253 section 4.2 defines it.", "protocol_version", "software_version", "comments");
        _duration = Create("ssh_probe_duration_seconds", "How long the whole probe took.");
        _phaseDuration = Create("ssh_probe_phase_duration_seconds", "How long each phase of the probe took (0 when not reached).", "phase");
        _probeTimeout = Create("ssh_probe_timeout_seconds", "The timeout the probe ran under.");
        _ipProtocol = Create("ssh_probe_ip_protocol", "The IP family of the address dialled: 4 or 6, 0 when none was resolved.");
        _kex = new RegistryKexMetricsWriter(registry, targetLabelNames);
        _hostKey = new RegistryHostKeyMetricsWriter(registry, targetLabelNames);
    }

    public void Write(ProbeResult result, params string[] targetLabelValues)
    {
        _success.WithLabels(targetLabelValues).Set(result.Success ? 1 : 0);
        _refused.WithLabels(targetLabelValues).Set(result.Outcome == ProbeOutcome.Refused ? 1 : 0);
        _timeout.WithLabels(targetLabelValues).Set(result.Outcome == ProbeOutcome.ConnectTimeout ? 1 : 0);
        _bannerReceived.WithLabels(targetLabelValues).Set(result.Outcome is ProbeOutcome.Success or ProbeOutcome.ProtocolUnsupported ? 1 : 0);
        foreach (var outcome in ProbeOutcomes.All)
        {
            _outcome.WithLabels([.. targetLabelValues, outcome.ToLabel()]).Set(result.Outcome == outcome ? 1 : 0);
        }

        if (result.Identification is { } id)
        {
            _bannerInfo.WithLabels([.. targetLabelValues, id.ProtocolVersion, id.SoftwareVersion, id.Comments]).Set(1);
        }

        _duration.WithLabels(targetLabelValues).Set(result.Duration.TotalSeconds);
        foreach (var phase in ProbePhases.All)
        {
            _phaseDuration.WithLabels([.. targetLabelValues, phase.ToLabel()]).Set(result.PhaseDuration(phase).TotalSeconds);
        }

        _probeTimeout.WithLabels(targetLabelValues).Set(result.Timeout.TotalSeconds);
        _ipProtocol.WithLabels(targetLabelValues).Set(result.IpProtocol);
        _kex.Write(result.KexInit, targetLabelValues);
        _hostKey.Write(result.HostKey, targetLabelValues);
    }
}
