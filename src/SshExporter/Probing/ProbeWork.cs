namespace SshExporter.Probing;

/// <summary>
/// Where probes run when the thread pool is busy: a scheduler that keeps every continuation of the work started on
/// it, on at most one thread-pool thread fewer than there are processors (at least one), each of which goes back to
/// the end of the pool's queue after <see cref="StepsPerTurn"/> steps. Thousands of probes in flight then queue here,
/// not in the thread pool's one queue, so that HTTP work, <c>/-/healthy</c> above all, finds a thread at once
/// instead of waiting behind every probe's next step (on one processor: behind one turn of a few steps). The price
/// is the processor's share they leave to HTTP, so only work that can flood the pool comes here: every <c>/metrics</c>
/// scrape, and a <c>/probe</c> request only while the pool has a backlog (<see cref="PoolIsBacklogged"/>), since
/// otherwise the cap would cost throughput and protect nothing.
/// </summary>
public static class ProbeWork
{
    public const int StepsPerTurn = 32;

    /// <summary>Work items queued in the thread pool beyond which it has a backlog: more than a steady load of requests keeps queued.</summary>
    public static readonly int Backlog = 16 * Environment.ProcessorCount;

    private static readonly TaskScheduler Scheduler =
        new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Math.Max(1, Environment.ProcessorCount - 1), StepsPerTurn).ConcurrentScheduler;

    /// <summary>Runs <paramref name="work"/> and every step it awaits on the probe scheduler.</summary>
    public static Task<T> RunAsync<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}})"/>
    public static Task RunAsync(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();

    /// <summary>The thread pool has more work queued than it is about to run: a burst of requests is under way.</summary>
    public static bool PoolIsBacklogged => ThreadPool.PendingWorkItemCount > Backlog;
}
