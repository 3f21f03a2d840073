namespace SshExporter.Probing;

/// <summary>
/// Where probes run: a scheduler that keeps every continuation of the work started on it, on at most one thread-pool
/// thread fewer than there are processors (at least one), each of which goes back to the end of the pool's queue after
/// <see cref="StepsPerTurn"/> steps. Thousands of probes in flight then queue here, not in the thread pool's one
/// queue, so that HTTP work, <c>/-/healthy</c> above all, finds a thread at once instead of waiting behind every
/// probe's next step (on one processor: behind one turn of a few steps). The price is a processor's share that
/// probes leave to HTTP: on two processors a 10,000-target scrape takes longer.
/// </summary>
public static class ProbeWork
{
    public const int StepsPerTurn = 32;

    private static readonly TaskScheduler Scheduler =
        new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Math.Max(1, Environment.ProcessorCount - 1), StepsPerTurn).ConcurrentScheduler;

    /// <summary>Runs <paramref name="work"/> and every step it awaits on the probe scheduler.</summary>
    public static Task<T> RunAsync<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}})"/>
    public static Task RunAsync(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();
}
