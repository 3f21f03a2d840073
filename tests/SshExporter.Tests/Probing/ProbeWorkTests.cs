using SshExporter.Probing;
using SshExporter.Tests.Load;

namespace SshExporter.Tests.Probing;

/// <summary>
/// Alone, after the other tests: the probe scheduler is one per process, and these tests hold it busy for a second,
/// which would make the probes of exporters hosted in this process late.
/// </summary>
[Collection(nameof(LoadRunsAlone))]
public class ProbeWorkTests
{
    [Fact]
    public async Task Every_step_of_the_work_runs_on_the_probe_scheduler_not_the_thread_pool_queue()
    {
        var schedulers = await ProbeWork.RunAsync(async () =>
        {
            var first = TaskScheduler.Current;
            await Task.Delay(10, TestContext.Current.CancellationToken);
            var afterTimer = TaskScheduler.Current;
            await Task.Yield();
            return new[] { first, afterTimer, TaskScheduler.Current };
        });

        Assert.All(schedulers, scheduler => Assert.NotSame(TaskScheduler.Default, scheduler));
        Assert.Single(schedulers.Distinct());
    }

    [Fact]
    public async Task It_runs_no_more_steps_at_once_than_one_fewer_than_the_processors()
    {
        int running = 0, most = 0;
        await Task.WhenAll(Enumerable.Range(0, 4 * Environment.ProcessorCount + 4).Select(_ => ProbeWork.RunAsync(async () =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(20); // a step that holds its thread, as a burst of work would
            Interlocked.Decrement(ref running);
            await Task.Yield();
        })));

        Assert.InRange(most, 1, Math.Max(1, Environment.ProcessorCount - 1));
    }

    [Fact]
    public async Task Work_queued_to_the_thread_pool_waits_for_one_turn_of_probe_steps_not_for_all_of_them()
    {
        // Far more one-millisecond steps than a turn: were they queued in the pool itself, an item queued behind them
        // would wait for all of them (over a second on any machine).
        const int Steps = 1000;
        int done = 0;
        var probes = Enumerable.Range(0, Steps).Select(_ => ProbeWork.RunAsync(() =>
        {
            Thread.Sleep(1);
            Interlocked.Increment(ref done);
            return Task.CompletedTask;
        })).ToList();
        var queued = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.QueueUserWorkItem(_ => queued.SetResult(Volatile.Read(ref done)));

        int doneWhenItRan = await queued.Task;
        await Task.WhenAll(probes);

        Assert.True(doneWhenItRan < Steps / 2, $"the pool's item ran only after {doneWhenItRan} of {Steps} probe steps");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
