using System.Text;
using SshExporter.Diagnosis;
using SshExporter.Runbook;
using SshExporter.Sidecar;

namespace SshExporter.Recent;

/// <summary>
/// The last <see cref="Capacity"/> runs of the sidecar's checks, each with its verdict and its checks' lines. sshd's
/// own log lines are not kept: whether a page may show them is decided when it is viewed, by the config of then.
/// </summary>
public sealed class RecentSidecarRuns(TimeProvider time)
{
    public const int Capacity = 100;
    public const int MaxLogLength = 8 * 1024;

    private readonly RingBuffer<SidecarRunRecord> _ring = new(Capacity);

    public void Add(SidecarReport report, TimeSpan duration)
    {
        var verdict = Diagnoser.Diagnose(TargetEvidence.LocalOnly("localhost", report), RunbookLinks.Default);
        string outcome = verdict.Headline is { } headline ? headline.AlertName : "healthy";
        var log = new StringBuilder();
        foreach (var line in SidecarReportText.Lines(report, RunbookLinks.Default))
        {
            log.Append(line.Text).Append('\n');
        }

        _ring.Add(id => new SidecarRunRecord(id, time.GetUtcNow() - duration, duration, verdict.State, outcome, BoundedText.Cut(log.ToString(), MaxLogLength)));
    }

    /// <summary>The runs kept, newest first.</summary>
    public IReadOnlyList<SidecarRunRecord> Newest() => _ring.Newest();

    /// <summary>The run with <paramref name="id"/>, or null when it is no longer kept.</summary>
    public SidecarRunRecord? Find(long id) => _ring.Find(id);
}
