using Prometheus;

namespace SshExporter.Metrics;

/// <summary>
/// Serialises registries in the format the scraper asked for. prometheus-net's
/// CollectAndExportAsTextAsync sets no Content-Type, so the choice is made here from the Accept header.
/// </summary>
public sealed record Exposition(ExpositionFormat Format, string ContentType)
{
    public static readonly Exposition Text = new(ExpositionFormat.PrometheusText, "text/plain; version=0.0.4; charset=utf-8");
    public static readonly Exposition OpenMetrics = new(ExpositionFormat.OpenMetricsText, "application/openmetrics-text; version=1.0.0; charset=utf-8");

    private static readonly byte[] EofMarker = "# EOF\n"u8.ToArray();

    public static Exposition Negotiate(string? accept) =>
        accept is not null && accept.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) ? OpenMetrics : Text;

    /// <summary>Writes several registries as one exposition (OpenMetrics allows only one closing "# EOF").</summary>
    public async Task WriteAsync(Stream destination, IReadOnlyList<CollectorRegistry> registries, CancellationToken cancellationToken)
    {
        for (int i = 0; i < registries.Count; i++)
        {
            bool last = i == registries.Count - 1;
            if (last || Format != ExpositionFormat.OpenMetricsText)
            {
                await registries[i].CollectAndExportAsTextAsync(destination, Format, cancellationToken);
                continue;
            }

            using var buffer = new MemoryStream();
            await registries[i].CollectAndExportAsTextAsync(buffer, Format, cancellationToken);
            int length = (int)buffer.Length;
            bool endsWithEof = buffer.GetBuffer().AsSpan(0, length).EndsWith(EofMarker);
            await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, endsWithEof ? length - EofMarker.Length : length), cancellationToken);
        }
    }
}
