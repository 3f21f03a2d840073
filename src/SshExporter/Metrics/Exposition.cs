using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;
using Prometheus;

namespace SshExporter.Metrics;

/// <summary>
/// Writes an exposition in the format the scraper asked for. prometheus-net's CollectAndExportAsTextAsync sets no
/// Content-Type, so the choice is made here from the Accept header.
/// </summary>
public sealed record Exposition(ExpositionFormat Format, string ContentType)
{
    public static readonly Exposition Text = new(ExpositionFormat.PrometheusText, "text/plain; version=0.0.4; charset=utf-8");
    public static readonly Exposition OpenMetrics = new(ExpositionFormat.OpenMetricsText, "application/openmetrics-text; version=1.0.0; charset=utf-8");

    /// <summary>OpenMetrics' end of the exposition, allowed once only.</summary>
    internal static readonly byte[] EofMarker = "# EOF\n"u8.ToArray();

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

    /// <summary>Writes the parts in order as one exposition, through pooled buffers; OpenMetrics ends with one "# EOF".</summary>
    public async Task WriteAsync(Stream destination, IReadOnlyList<IExpositionPart> parts, CancellationToken cancellationToken)
    {
        var output = PipeWriter.Create(destination, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            foreach (var part in parts)
            {
                await part.WriteAsync(output, Format, cancellationToken);
            }

            if (Format == ExpositionFormat.OpenMetricsText)
            {
                output.Write(EofMarker);
            }

            await output.FlushAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // Completed with the error, what is still buffered is dropped rather than sent as a truncated exposition.
            await output.CompleteAsync(e);
            throw;
        }

        await output.CompleteAsync();
    }
}
