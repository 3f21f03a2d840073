using System.IO.Pipelines;
using Prometheus;

namespace SshExporter.Metrics;

/// <summary>A prometheus-net registry as part of an exposition: the exporter's own metrics and the sidecar's, both small.</summary>
public sealed class RegistryExposition(CollectorRegistry registry) : IExpositionPart
{
    public async Task WriteAsync(PipeWriter output, ExpositionFormat format, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(buffer, format, cancellationToken);
        var families = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // OpenMetrics allows one "# EOF" only, at the very end of the whole exposition.
        if (families.Span.EndsWith(Exposition.EofMarker))
        {
            families = families[..^Exposition.EofMarker.Length];
        }

        await output.WriteAsync(families, cancellationToken);
    }
}
