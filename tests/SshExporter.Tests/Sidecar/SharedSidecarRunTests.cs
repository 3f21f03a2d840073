using Microsoft.Extensions.Time.Testing;
using SshExporter.Probing;
using SshExporter.Sidecar;

namespace SshExporter.Tests.Sidecar;

/// <summary>
/// The single-flight share of the sidecar's checks, on a clock the test moves and with runs the test ends by hand:
/// who joins which run, how old a result each caller gets, and that no caller can stop or spoil a run for the others.
/// </summary>
public class SharedSidecarRunTests
{
    private static readonly SidecarSettings Settings = new() { Enabled = true };
    private static readonly ModuleSettings Module = new() { Timeout = TimeSpan.FromSeconds(2) };
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Callers_that_ask_while_a_run_is_in_flight_share_it()
    {
        var (time, work, shared) = Create();

        var callers = Enumerable.Range(0, 50).Select(_ => shared.ForPageAsync(Settings, Module, Token)).ToList();
        var run = await work.NextRunAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        run.End();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, work.Runs);
        Assert.All(results, result => Assert.Same(run.Reading, result.Reading));
        Assert.All(results, result => Assert.Equal(TimeSpan.FromSeconds(1), result.Age));
    }

    [Fact]
    public async Task A_page_gets_the_last_result_while_it_is_young_enough_and_then_a_new_run_and_says_how_old()
    {
        var (time, work, shared) = Create();
        var first = shared.ForPageAsync(Settings, Module, Token);
        (await work.NextRunAsync()).End();
        await first;

        time.Advance(SharedSidecarRun.PageMaxAge);
        var cached = await shared.ForPageAsync(Settings, Module, Token);
        Assert.Equal(SharedSidecarRun.PageMaxAge, cached.Age);
        Assert.Equal(1, work.Runs);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var fresh = shared.ForPageAsync(Settings, Module, Token);
        var second = await work.NextRunAsync();
        second.End();
        Assert.Same(second.Reading, (await fresh).Reading);
        Assert.Equal(TimeSpan.Zero, (await fresh).Age);
        Assert.Equal(2, work.Runs);
    }

    [Fact]
    public async Task A_caller_that_wants_a_younger_result_than_the_run_in_flight_waits_for_the_next_run_which_starts_only_when_that_one_ends()
    {
        var (time, work, shared) = Create();
        var page = shared.ForPageAsync(Settings, Module, Token);
        var old = await work.NextRunAsync();
        time.Advance(TimeSpan.FromSeconds(1.5));

        // A scrape whose checks have 1 s accepts nothing older than 1 s: it does not join the page's run.
        var scrapes = Enumerable.Range(0, 5).Select(_ => shared.ForScrapeAsync(Settings, Module, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), Token)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(200), Token);
        Assert.Equal(1, work.Runs);

        old.End();
        var next = await work.NextRunAsync();
        next.End();

        Assert.Same(old.Reading, (await page).Reading);
        Assert.All(await Task.WhenAll(scrapes), report => Assert.Same(next.Reading.Report, report));
        Assert.Equal(2, work.Runs);
        Assert.Equal(1, work.MostAtOnce);
        Assert.Equal(TimeSpan.FromSeconds(1), next.Budget);
    }

    [Fact]
    public async Task The_caller_that_started_a_run_going_away_stops_neither_the_run_nor_the_others_waiting_on_it()
    {
        var (_, work, shared) = Create();
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var starter = shared.ForPageAsync(Settings, Module, leaving.Token);
        var run = await work.NextRunAsync();
        var stayer = shared.ForPageAsync(Settings, Module, Token);

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starter);
        run.End();

        Assert.Same(run.Reading, (await stayer).Reading);
        // Its result also serves whoever comes next.
        Assert.Same(run.Reading, (await shared.ForPageAsync(Settings, Module, Token)).Reading);
        Assert.Equal(1, work.Runs);
    }

    [Fact]
    public async Task A_run_that_failed_fails_those_waiting_on_it_and_the_next_caller_gets_a_new_run()
    {
        var (_, work, shared) = Create();
        var waiting = shared.ForPageAsync(Settings, Module, Token);
        (await work.NextRunAsync()).Fail(new InvalidOperationException("broken"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => waiting);

        var after = shared.ForPageAsync(Settings, Module, Token);
        var next = await work.NextRunAsync();
        next.End();

        Assert.Same(next.Reading, (await after).Reading);
        Assert.Equal(2, work.Runs);
    }

    [Fact]
    public async Task A_scrape_that_gets_no_result_in_its_time_gets_none_rather_than_a_fault_and_the_run_goes_on()
    {
        var (time, work, shared) = Create();
        var scrape = shared.ForScrapeAsync(Settings, Module, Budget, Budget, Token);
        var run = await work.NextRunAsync();

        time.Advance(Budget + SharedSidecarRun.HandOverGrace);
        Assert.Null(await scrape);

        var page = shared.ForPageAsync(Settings, Module, Token);
        run.End();
        Assert.Same(run.Reading, (await page).Reading);
        Assert.Equal(1, work.Runs);
    }

    [Fact]
    public async Task A_scrape_joins_a_run_in_flight_no_older_than_its_checks_timeout_but_never_takes_a_finished_result()
    {
        var (time, work, shared) = Create();
        var page = shared.ForPageAsync(Settings, Module, Token);
        var pageRun = await work.NextRunAsync();

        time.Advance(Budget);
        var joining = shared.ForScrapeAsync(Settings, Module, Budget, Budget, Token);
        pageRun.End();
        Assert.Same(pageRun.Reading.Report, await joining);
        await page;

        // The page's result would still do for a page; a scrape asks the host again.
        var scrape = shared.ForScrapeAsync(Settings, Module, Budget, Budget, Token);
        var scrapeRun = await work.NextRunAsync();
        scrapeRun.End();
        Assert.Same(scrapeRun.Reading.Report, await scrape);
        Assert.Equal(2, work.Runs);
    }

    [Fact]
    public async Task A_reloaded_config_is_never_answered_with_a_result_of_the_old_one()
    {
        var (_, work, shared) = Create();
        var before = shared.ForPageAsync(Settings, Module, Token);
        (await work.NextRunAsync()).End();
        await before;

        var reloaded = Settings with { ShowSshdLog = true };
        var after = shared.ForPageAsync(reloaded, Module, Token);
        var run = await work.NextRunAsync();
        run.End();

        Assert.Same(run.Reading, (await after).Reading);
        Assert.Equal(reloaded, run.Settings);
    }

    private static (FakeTimeProvider Time, ScriptedWork Work, SharedSidecarRun Shared) Create()
    {
        var time = new FakeTimeProvider();
        var work = new ScriptedWork();
        return (time, work, new SharedSidecarRun(time, work.RunAsync));
    }

    /// <summary>Runs that end when the test says, each with a reading of its own; counts them and how many overlapped.</summary>
    private sealed class ScriptedWork
    {
        private readonly SemaphoreSlim _started = new(0);
        private readonly Queue<ScriptedRun> _runs = new();
        private int _inFlight;
        private int _mostAtOnce;
        private int _count;

        public int Runs => Volatile.Read(ref _count);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public Task<SidecarReading> RunAsync(SidecarSettings settings, ModuleSettings module, TimeSpan budget)
        {
            Interlocked.Increment(ref _count);
            int now = Interlocked.Increment(ref _inFlight);
            lock (_runs)
            {
                _mostAtOnce = Math.Max(_mostAtOnce, now);
            }

            var run = new ScriptedRun(settings, budget, () => Interlocked.Decrement(ref _inFlight));
            lock (_runs)
            {
                _runs.Enqueue(run);
            }

            _started.Release();
            return run.Completion.Task;
        }

        /// <summary>The next run to start; generous, as the machine may be busy.</summary>
        public async Task<ScriptedRun> NextRunAsync()
        {
            Assert.True(await _started.WaitAsync(TimeSpan.FromSeconds(30), Token), "no run started");
            lock (_runs)
            {
                return _runs.Dequeue();
            }
        }
    }

    private sealed class ScriptedRun(SidecarSettings settings, TimeSpan budget, Action ended)
    {
        public SidecarSettings Settings => settings;

        public TimeSpan Budget => budget;

        public SidecarReading Reading { get; } = new(SidecarReports.Healthy(), null);

        public TaskCompletionSource<SidecarReading> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void End()
        {
            ended();
            Completion.SetResult(Reading);
        }

        public void Fail(Exception error)
        {
            ended();
            Completion.SetException(error);
        }
    }
}
