namespace SshExporter.Hosting;

/// <summary>
/// Gives the memory of a burst back once the burst is over. The garbage collector keeps the heap a burst grew to until
/// it next collects, and an idle exporter allocates too little ever to collect: after 10,000 concurrent requests its
/// resident memory would stay where the burst left it. So every <see cref="Interval"/> it looks, and when collections
/// have run since the last trim, none in the last interval (the process is idle now), and the last one left the heap
/// more than <see cref="Growth"/> above what the last trim left, one aggressive collection compacts the heap and
/// decommits what is free. Under load collections keep running, and between the scrapes of a steady exporter the heap
/// does not grow that much: it fires after bursts only.
/// </summary>
public sealed class IdleMemoryTrim(TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Several gen-0 budgets: what a burst adds, not what one scrape allocates.</summary>
    public const long Growth = 32L * 1024 * 1024;

    /// <summary>
    /// Whether to trim now, from the count of collections at the last trim, at the last look and now, and the heap's
    /// committed bytes after the last trim and after the last collection.
    /// </summary>
    public static bool ShouldTrim(int atLastTrim, int atLastLook, int now, long committedAfterTrim, long committedNow) =>
        now > atLastTrim && now == atLastLook && committedNow - committedAfterTrim > Growth;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int atLastTrim = GC.CollectionCount(0), atLastLook = atLastTrim;
        long committedAfterTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                int now = GC.CollectionCount(0);
                if (ShouldTrim(atLastTrim, atLastLook, now, committedAfterTrim, GC.GetGCMemoryInfo().TotalCommittedBytes))
                {
                    long before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    now = GC.CollectionCount(0);
                    atLastTrim = now;
                    committedAfterTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;
                    Log.MemoryTrimmed(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
                }

                atLastLook = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
