using System.Globalization;
using Prometheus;

namespace SshExporter.Sidecar;

/// <summary>
/// Makes the gauges a check result writes. No series is written until a value is set, so a check that could not
/// look leaves its family empty rather than reporting a 0 that would read as a fault.
/// </summary>
public sealed class SidecarGauges(CollectorRegistry registry)
{
    private readonly MetricFactory _factory = Prometheus.Metrics.WithCustomRegistry(registry);

    public Gauge Create(string name, string help, params string[] labels) =>
        _factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = labels, SuppressInitialValue = true });

    /// <summary>A gauge without labels that is 1 or 0 for <paramref name="value"/>, and absent when the check could not look.</summary>
    public void Flag(string name, string help, CheckStatus status, bool value)
    {
        var gauge = Create(name, help);
        if (status.CouldRun)
        {
            gauge.Set(value ? 1 : 0);
        }
    }

    /// <summary>A port as a label value.</summary>
    public static string Label(int port) => port.ToString(CultureInfo.InvariantCulture);
}
