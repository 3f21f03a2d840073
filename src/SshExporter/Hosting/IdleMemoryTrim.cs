namespace SshExporter.Hosting;

/// <summary>
/// Gives the memory of a burst back once the burst is over. The garbage collector keeps the heap a burst grew to until
/// it next collects, and an idle exporter allocates too little ever to collect: after 10,000 concurrent requests its
/// resident memory would stay where the burst left it. So every <see cref="Interval"/> it looks, and once collections
/// have run since the last trim (the process allocated a heap's worth) but none in the last interval (it is idle now),
/// one aggressive collection compacts the heap and decommits what is free. Under steady load collections keep running
/// and it never fires; between sparse scrapes it fires at most once per collection, on a heap that is small by then.
/// </summary>
public sealed class IdleMemoryTrim(TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Whether to trim now, from the count of collections at the last trim, at the last look, and now.</summary>
    public static bool ShouldTrim(int atLastTrim, int atLastLook, int now) => now > atLastTrim && now == atLastLook;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int atLastTrim = GC.CollectionCount(0), atLastLook = atLastTrim;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                int now = GC.CollectionCount(0);
                if (ShouldTrim(atLastTrim, atLastLook, now))
                {
                    long before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    now = GC.CollectionCount(0);
                    atLastTrim = now;
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
