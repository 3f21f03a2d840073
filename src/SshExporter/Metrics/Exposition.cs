using Microsoft.Net.Http.Headers;
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

    /// <summary>OpenMetrics when the scraper prefers it at least as much as plain text (q-values count), else text.</summary>
    public static Exposition Negotiate(string? accept)
    {
        if (string.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept.Split(','), out var types))
        {
            return Text;
        }

        double openMetrics = Preference(types, "application/openmetrics-text");
        double text = Math.Max(Preference(types, "text/plain"), Preference(types, "*/*"));
        return openMetrics > 0 && openMetrics >= text ? OpenMetrics : Text;
    }

    private static double Preference(IList<MediaTypeHeaderValue> types, string mediaType) =>
        types.Where(t => t.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)).Select(t => t.Quality ?? 1).DefaultIfEmpty(0).Max();

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
