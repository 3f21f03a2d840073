using System.IO.Pipelines;
using Prometheus;
using SshExporter.Probing;

namespace SshExporter.Metrics;

/// <summary>
/// The probe results of one request, gathered as the probes finish, each with the values of its target labels
/// (<c>target</c> and the configured labels for <c>/metrics</c>, none for <c>/probe</c>). Written once at the end,
/// family by family, straight into the output's pooled buffers. Safe to add to from concurrent probes.
/// </summary>
public sealed class ProbeResults(IReadOnlyList<string> targetLabelNames, int capacity) : IExpositionPart
{
    /// <summary>How much is written before it is handed on to the response (and the buffers reused).</summary>
    private const int FlushBytes = 64 * 1024;

    private readonly string[][] _labelValues = new string[capacity][];
    private readonly ProbeResult?[] _results = new ProbeResult?[capacity];
    private int _count;

    /// <summary>Gathers one probe's result; at most <c>capacity</c> of them.</summary>
    public void Add(ProbeResult result, string[] targetLabelValues)
    {
        if (targetLabelValues.Length != targetLabelNames.Count)
        {
            throw new ArgumentException($"{targetLabelValues.Length} label values for {targetLabelNames.Count} label names", nameof(targetLabelValues));
        }

        int slot = Interlocked.Increment(ref _count) - 1;
        if (slot >= _results.Length)
        {
            throw new InvalidOperationException($"more than the {_results.Length} results expected");
        }

        _labelValues[slot] = targetLabelValues;
        // Published after its labels: a reader that sees the result sees them too.
        Volatile.Write(ref _results[slot], result);
    }

    public async Task WriteAsync(PipeWriter output, ExpositionFormat format, CancellationToken cancellationToken)
    {
        var lines = new SeriesLineWriter(output, format, targetLabelNames);
        // Every family shows the same targets: those whose results were in when writing began. The callers write only
        // once every probe has ended; the snapshot keeps the families consistent even if one did not.
        var results = new ProbeResult?[Math.Min(Volatile.Read(ref _count), _results.Length)];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = Volatile.Read(ref _results[i]);
        }

        bool hostKeyStage = results.Any(result => result?.HostKey is not null);
        foreach (var family in ProbeFamilies.All)
        {
            if (family.OnlyWithHostKeyStage && !hostKeyStage)
            {
                continue;
            }

            lines.Declare(family);
            for (int i = 0; i < results.Length; i++)
            {
                if (results[i] is not { } result)
                {
                    continue;
                }

                lines.Target(_labelValues[i]);
                family.WriteLines(lines, result);
                if (output.UnflushedBytes >= FlushBytes)
                {
                    await output.FlushAsync(cancellationToken);
                }
            }
        }
    }
}
