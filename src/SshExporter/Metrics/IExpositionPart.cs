using System.IO.Pipelines;
using Prometheus;

namespace SshExporter.Metrics;

/// <summary>A run of metric families within one exposition; the exposition writes the closing OpenMetrics <c># EOF</c>, never a part.</summary>
public interface IExpositionPart
{
    Task WriteAsync(PipeWriter output, ExpositionFormat format, CancellationToken cancellationToken);
}
