using SshExporter.Metrics;

namespace SshExporter.Probing;

/// <summary>
/// Runs the probes of one <c>/metrics</c> scrape, at most <c>concurrency</c> at once. Each job after the first
/// <c>concurrency</c> waits for a free slot and runs only if its whole timeout still fits in what is left of the
/// scrape's time: started later, it would be cut short and report the exporter's lateness as the target's timeout.
/// A skipped target gets no series; it is the exporter's failure, so the exporter counts it
/// (<c>ssh_exporter_probes_skipped_total</c>) and logs a warning.
/// </summary>
public sealed class ScrapeScheduler(TimeProvider time, int concurrency, ILogger<ScrapeScheduler> logger)
{
    /// <summary>Runs or skips every job within <paramref name="budget"/>; returns how many were skipped.</summary>
    public async Task<int> RunAsync(
        IReadOnlyList<ProbeJob> jobs, TimeSpan budget, Func<ProbeJob, CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        long start = time.GetTimestamp();
        using var slots = new SemaphoreSlim(concurrency);
        int skipped = 0;
        var probes = new Task[jobs.Count];
        for (int i = 0; i < jobs.Count; i++)
        {
            // The first ones take the free slots at once (never blocking) and start with their whole timeout. Every
            // later one waits, even when an earlier probe has already ended (a refused connect may end at once):
            // a run of quick probes must not let a slow one start after the budget is spent.
            if (i < concurrency)
            {
                slots.Wait(CancellationToken.None);
                probes[i] = ProbeInSlotAsync(jobs[i]);
            }
            else
            {
                probes[i] = WaitForSlotAsync(jobs[i]);
            }
        }

        await Task.WhenAll(probes);
        if (skipped > 0)
        {
            ExporterMetrics.CountSkipped(skipped);
            Log.ProbesSkipped(logger, skipped, jobs.Count, budget.TotalSeconds, concurrency);
        }

        return skipped;

        async Task ProbeInSlotAsync(ProbeJob job)
        {
            try
            {
                await probe(job, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }

        async Task WaitForSlotAsync(ProbeJob job)
        {
            await slots.WaitAsync(cancellationToken);
            if (time.GetElapsedTime(start) + job.Timeout > budget)
            {
                Interlocked.Increment(ref skipped);
                slots.Release();
                return;
            }

            await ProbeInSlotAsync(job);
        }
    }
}
