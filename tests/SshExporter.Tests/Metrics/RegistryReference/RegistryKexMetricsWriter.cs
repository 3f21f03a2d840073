using Prometheus;
using SshExporter.Probing.Kex;

namespace SshExporter.Tests.Metrics.RegistryReference;

/// <summary>
/// The registry path the exporter used before it wrote its exposition directly, kept unchanged as the reference
/// <see cref="DirectExpositionTests"/> compares against.
/// The series of the <c>kexinit</c> stage: <c>ssh_kexinit_received</c> whenever the stage ran, and the verdicts on
/// the server's offer whenever a KEXINIT was read, every weak-algorithm category as 0 or 1. Algorithm names never
/// become label values: the categories are a fixed set, so the series count is fixed too.
/// </summary>
internal sealed class RegistryKexMetricsWriter
{
    private readonly Gauge _received;
    private readonly Gauge _strictKex;
    private readonly Gauge _postQuantum;
    private readonly Gauge _terrapin;
    private readonly Gauge _weak;

    public RegistryKexMetricsWriter(CollectorRegistry registry, IReadOnlyList<string> targetLabelNames)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] target = [.. targetLabelNames];
        Gauge Create(string name, string help, params string[] own) =>
            factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = [.. target, .. own], SuppressInitialValue = true });

        _received = Create("ssh_kexinit_received", "1 when the server's KEXINIT was read and parsed, 0 when the kexinit stage ran without one.");
        _strictKex = Create("ssh_kex_strict_offered", "1 when the server offers strict key exchange (kex-strict-s-v00@openssh.com), the Terrapin mitigation.");
        _postQuantum = Create("ssh_kex_post_quantum_offered", "1 when the server offers a post-quantum hybrid key exchange (mlkem768x25519-sha256, sntrup761x25519-sha512...).");
        _terrapin = Create("ssh_terrapin_vulnerable", "1 when the server's offer is open to Terrapin (CVE-2023-48795) by ssh-audit's rule: no strict key exchange, and chacha20-poly1305 or a CBC cipher with an -etm MAC.");
        _weak = Create("ssh_weak_algorithm_offered", "1 when the server offers an algorithm of this weak category, 0 when it offers none.", "category");
    }

    public void Write(KexInitObservation? kexInit, string[] targetLabelValues)
    {
        if (kexInit is null)
        {
            return;
        }

        _received.WithLabels(targetLabelValues).Set(kexInit.Received ? 1 : 0);
        if (!kexInit.Received)
        {
            return;
        }

        var verdicts = kexInit.Verdicts;
        _strictKex.WithLabels(targetLabelValues).Set(verdicts.StrictKexOffered ? 1 : 0);
        _postQuantum.WithLabels(targetLabelValues).Set(verdicts.PostQuantumOffered ? 1 : 0);
        _terrapin.WithLabels(targetLabelValues).Set(verdicts.TerrapinVulnerable ? 1 : 0);
        foreach (var category in WeakAlgorithmCategories.All)
        {
            _weak.WithLabels([.. targetLabelValues, category.ToLabel()]).Set(verdicts.Offers(category) ? 1 : 0);
        }
    }
}
