namespace SshExporter.Probing;

/// <summary>
/// Runs the probes of one <c>/metrics</c> scrape, at most <see cref="Concurrency"/> at once. A job that has to wait
/// for a free slot runs only if its whole timeout still fits in what is left of the scrape's time: started later,
/// it would be cut short and report the exporter's lateness as the target's timeout.
/// </summary>
public sealed class ScrapeScheduler(TimeProvider time, int concurrency)
{
    public int Concurrency { get; } = concurrency;

    /// <summary>Runs or skips every job; returns how many were skipped.</summary>
    public async Task<int> RunAsync(
        IReadOnlyList<ProbeJob> jobs, TimeSpan budget, Func<ProbeJob, CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        long start = time.GetTimestamp();
        using var slots = new SemaphoreSlim(Concurrency);
        int skipped = 0;
        var probes = new Task[jobs.Count];
        for (int i = 0; i < jobs.Count; i++)
        {
            // The jobs that find a slot at once start with their whole timeout, however little is left by then.
            probes[i] = slots.Wait(0, CancellationToken.None) ? ProbeInSlotAsync(jobs[i]) : WaitForSlotAsync(jobs[i]);
        }

        await Task.WhenAll(probes);
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
