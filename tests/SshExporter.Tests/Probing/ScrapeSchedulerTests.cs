using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

/// <summary>The slots of a <c>/metrics</c> scrape on a fake clock: probes here are promises the test keeps, no time is slept.</summary>
public class ScrapeSchedulerTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);

    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentQueue<int> _started = new();

    // Two slots, three 1 s probes, 1.5 s of budget: the third gets the slot the first frees, and runs only if its
    // whole second still fits in what is left.
    [Theory]
    [InlineData(400, 0)]
    [InlineData(500, 0)]
    [InlineData(501, 1)]
    [InlineData(1400, 1)]
    public async Task A_job_that_waited_for_a_slot_runs_only_if_its_whole_timeout_still_fits(int firstDoneAtMs, int expectedSkipped)
    {
        var finish = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource()).ToArray();
        var scrape = new ScrapeScheduler(_time, concurrency: 2, NullLogger<ScrapeScheduler>.Instance).RunAsync(Jobs(3, TimeSpan.FromSeconds(1)), Budget, Probe(finish), TestContext.Current.CancellationToken);
        Assert.Equal([0, 1], _started.Order());

        _time.Advance(TimeSpan.FromMilliseconds(firstDoneAtMs));
        Array.ForEach(finish, done => done.SetResult());

        Assert.Equal(expectedSkipped, await scrape);
        Assert.Equal(expectedSkipped == 0 ? [0, 1, 2] : [0, 1], _started.Order());
    }

    [Fact]
    public async Task Jobs_that_find_a_slot_at_once_run_even_with_a_timeout_as_long_as_the_whole_budget()
    {
        var finish = Enumerable.Range(0, 2).Select(_ => new TaskCompletionSource()).ToArray();
        Array.ForEach(finish, done => done.SetResult());

        int skipped = await new ScrapeScheduler(_time, concurrency: 2, NullLogger<ScrapeScheduler>.Instance).RunAsync(Jobs(2, Budget * 2), Budget, Probe(finish), TestContext.Current.CancellationToken);

        Assert.Equal(0, skipped);
        Assert.Equal([0, 1], _started.Order());
    }

    [Fact]
    public async Task Once_the_budget_is_spent_every_waiting_job_is_skipped()
    {
        var finish = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource()).ToArray();
        var scrape = new ScrapeScheduler(_time, concurrency: 1, NullLogger<ScrapeScheduler>.Instance).RunAsync(Jobs(5, TimeSpan.FromMilliseconds(100)), Budget, Probe(finish), TestContext.Current.CancellationToken);

        _time.Advance(Budget);
        finish[0].SetResult();

        Assert.Equal(4, await scrape);
        Assert.Equal([0], _started);
    }

    [Fact]
    public async Task A_probe_that_ended_before_the_next_job_was_looked_at_does_not_spare_it_the_check()
    {
        var scheduler = new ScrapeScheduler(_time, concurrency: 1, NullLogger<ScrapeScheduler>.Instance);

        int skipped = await scheduler.RunAsync(Jobs(2, TimeSpan.FromSeconds(1)), Budget, (job, _) =>
        {
            // The first probe takes a second and is done by the time it returns, as a refused connect can be.
            _started.Enqueue(job.SeriesLabels[0] == "0" ? 0 : 1);
            _time.Advance(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);

        Assert.Equal(1, skipped);
        Assert.Equal([0], _started);
    }

    [Theory]
    [InlineData(0, 9860, 9860)]
    [InlineData(0, 1, 1)]
    [InlineData(1024, 9860, 1024)]
    [InlineData(20000, 100, 20000)]
    public void Concurrency_is_the_flag_when_set_and_otherwise_the_socket_budget(int configured, int socketBudget, int expected) =>
        Assert.Equal(expected, ScrapeScheduler.ConcurrencyFor(configured, socketBudget));

    // The old fixed default of 1,024 made a 10,000-target scrape of slow hosts run in waves: sized from a socket
    // budget that holds them all, every probe starts at once and none waits for a slot.
    [Theory]
    [InlineData(0, 1500)]
    [InlineData(1024, 1024)]
    public async Task A_scrape_larger_than_the_old_default_starts_every_probe_at_once_when_the_socket_budget_holds_them(int configured, int startedAtOnce)
    {
        const int targets = 1500;
        var finish = Enumerable.Range(0, targets).Select(_ => new TaskCompletionSource()).ToArray();
        var scheduler = new ScrapeScheduler(_time, ScrapeScheduler.ConcurrencyFor(configured, socketBudget: 2000), NullLogger<ScrapeScheduler>.Instance);

        var scrape = scheduler.RunAsync(Jobs(targets, TimeSpan.FromSeconds(1)), Budget, Probe(finish), TestContext.Current.CancellationToken);
        Assert.Equal(startedAtOnce, _started.Count);

        Array.ForEach(finish, done => done.SetResult());
        Assert.Equal(0, await scrape);
        Assert.Equal(targets, _started.Count);
    }

    // Sized from a socket budget smaller than the scrape, the jobs past it wait as before, and one whose whole timeout
    // no longer fits when a slot comes free is skipped and counted, never started late.
    [Fact]
    public async Task Sized_from_a_small_socket_budget_the_jobs_past_it_wait_and_are_skipped_when_their_timeout_no_longer_fits()
    {
        var finish = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource()).ToArray();
        var scheduler = new ScrapeScheduler(_time, ScrapeScheduler.ConcurrencyFor(0, socketBudget: 2), NullLogger<ScrapeScheduler>.Instance);

        var scrape = scheduler.RunAsync(Jobs(4, TimeSpan.FromSeconds(1)), Budget, Probe(finish), TestContext.Current.CancellationToken);
        Assert.Equal([0, 1], _started.Order());

        _time.Advance(TimeSpan.FromMilliseconds(600));
        Array.ForEach(finish, done => done.SetResult());

        Assert.Equal(2, await scrape);
        Assert.Equal([0, 1], _started.Order());
    }

    private Func<ProbeJob, CancellationToken, Task> Probe(TaskCompletionSource[] finish) => (job, _) =>
    {
        int index = int.Parse(job.SeriesLabels[0], System.Globalization.CultureInfo.InvariantCulture);
        _started.Enqueue(index);
        return finish[index].Task;
    };

    private static ProbeJob[] Jobs(int count, TimeSpan timeout) =>
    [
        .. Enumerable.Range(0, count).Select(i => new ProbeJob(
            new TargetAddress("127.0.0.1", 22), "default", new ModuleSettings { Timeout = timeout }, timeout, [i.ToString(System.Globalization.CultureInfo.InvariantCulture)])),
    ];
}
