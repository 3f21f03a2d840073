using SshExporter.Metrics;

namespace SshExporter.Probing;

/// <summary>
/// Runs the probes of one <c>/metrics</c> scrape, at most <c>concurrency</c> at once (<see cref="ConcurrencyFor"/>:
/// by default as many as the process-wide socket budget holds, so that the budget, not a queue, sets the pace). Each job after the first
/// <c>concurrency</c> waits for a free slot and runs only if its whole timeout still fits in what is left of the
/// scrape's time: started later, it would be cut short and report the exporter's lateness as the target's timeout.
/// A skipped target gets no series; it is the exporter's failure, so the exporter counts it
/// (<c>ssh_exporter_probes_skipped_total</c>) and logs a warning.
/// </summary>
public sealed class ScrapeScheduler(TimeProvider time, int concurrency, ILogger<ScrapeScheduler> logger)
{
    /// <summary>
    /// <c>--probe.concurrency</c> when set (positive); at 0, the size of the socket budget. A fixed cap below the
    /// budget would make a large scrape of slow hosts wait in waves although sockets were free; one above it gains
    /// nothing, since every probe takes a socket slot too. The budget is sized from the open-files limit
    /// (<see cref="Sockets.SocketBudgetSize"/>), and a probe waits for a socket only as long as its timeout still fits.
    /// </summary>
    public static int ConcurrencyFor(int configured, int socketBudget) => configured > 0 ? configured : socketBudget;

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
