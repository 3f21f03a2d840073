using System.Collections.Concurrent;
using SshExporter.Probing;

namespace SshExporter.Recent;

/// <summary>
/// The last <see cref="Capacity"/> probes of <c>/metrics</c> and <c>/probe</c> with their logs, as blackbox_exporter's
/// "Recent Probes", and each configured target's latest probe without its log, for its verdict: with many targets
/// a scrape would push most of them out of the ring. Both are bounded: the ring by its size and each entry's cut
/// texts, the latest by <see cref="MaxLatest"/> keys (the map starts again when a reload makes it overflow).
/// </summary>
public sealed class RecentProbes(TimeProvider time)
{
    public const int Capacity = 100;
    public const int MaxLatest = 10_000;
    /// <summary>Characters of a probe's steps kept (a successful probe with its KEXINIT writes about 2,000).</summary>
    public const int MaxLogLength = 8 * 1024;
    public const int MaxTargetLength = 256;
    private const int MaxModuleLength = 64;

    private readonly RingBuffer<ProbeRecord> _ring = new(Capacity);
    private readonly ConcurrentDictionary<(string Target, string Module), ProbeRecord> _latest = new();

    /// <summary>A trace for a probe nobody else reads, so that its steps can be kept here.</summary>
    public ProbeTrace NewTrace() => new(time, MaxLogLength) { Detailed = false };

    public void Add(ProbeJob job, ProbeResult result, ProbeTrace? trace)
    {
        bool configured = job.SeriesLabels.Length > 0;
        var record = _ring.Add(id => new ProbeRecord(
            id,
            time.GetUtcNow() - result.Duration,
            BoundedText.Cut(job.Target.ToString(), MaxTargetLength),
            BoundedText.Cut(job.ModuleName, MaxModuleLength),
            configured,
            result,
            // A debug probe's own trace has no bound; a copy of its start is kept instead.
            trace is { Length: > MaxLogLength } ? trace.Capped(MaxLogLength) : trace));
        if (configured)
        {
            var key = (record.Target, record.Module);
            if (_latest.Count >= MaxLatest && !_latest.ContainsKey(key))
            {
                _latest.Clear();
            }

            _latest[key] = record with { Trace = null };
        }
    }

    /// <summary>The probes kept, newest first.</summary>
    public IReadOnlyList<ProbeRecord> Newest() => _ring.Newest();

    /// <summary>The probe with <paramref name="id"/> and its log, or null when it is no longer kept.</summary>
    public ProbeRecord? Find(long id) => _ring.Find(id);

    /// <summary>The latest probe of <paramref name="target"/> with <paramref name="module"/>, or null when none is kept.</summary>
    public ProbeRecord? Latest(string target, string module)
    {
        var kept = _ring.Newest().FirstOrDefault(r => r.Target == target && r.Module == module);
        return _latest.TryGetValue((target, module), out var latest) && (kept is null || latest.Id > kept.Id) ? latest : kept;
    }
}
