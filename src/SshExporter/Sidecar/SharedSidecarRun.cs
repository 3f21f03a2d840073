using SshExporter.Probing;
using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar;

/// <summary>
/// One run of the sidecar's checks for everyone who asks at about the same time (single-flight), and never more than
/// one run at a time: a flood of page views costs one run, not one per view, and cannot crowd out a scrape.
/// A caller names the oldest result it accepts, measured from its run's start. A page takes the last finished run's
/// result or joins the run in flight when either started recently enough; a scrape only joins the run in flight,
/// never a finished one, so two scrapes in a row each see the host as it is. Otherwise the caller waits for the next
/// run, which starts as soon as the one in flight ends (all such callers share it). A run has its own deadline, the
/// budget it was started with, and no caller's token: a caller that goes away never stops a run that others wait
/// on. A run that failed is not kept, so the next caller starts a new one.
/// </summary>
public sealed partial class SharedSidecarRun(TimeProvider time, SharedSidecarRun.Work work, ILogger? logger = null)
{
    /// <summary>One run: the checks (and what goes with them) within <paramref name="budget"/>.</summary>
    public delegate Task<SidecarReading> Work(SidecarSettings settings, ModuleSettings localProbeModule, TimeSpan budget);

    /// <summary>How old a result <c>/</c> and <c>/sidecar</c> show: page views cost at most one run per this.</summary>
    public static readonly TimeSpan PageMaxAge = TimeSpan.FromSeconds(5);

    /// <summary>How long after its deadline a run may take to hand over its result (timers, the last check's report).</summary>
    public static readonly TimeSpan HandOverGrace = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    private Run? _finished;
    private Run? _running;
    private Run? _queued;

    /// <summary>
    /// Runs the host's checks with <paramref name="collector"/>, and reads sshd's log beside them when the config shows
    /// it; <paramref name="recent"/>, if given, keeps each run for the pages' list of recent runs.
    /// </summary>
    public static SharedSidecarRun ForHost(TimeProvider time, SidecarCollector collector, ICommandRunner runner, ILogger logger, Recent.RecentSidecarRuns? recent = null) =>
        new(time, async (settings, module, budget) =>
        {
            long started = time.GetTimestamp();
            var report = collector.CollectAsync(settings, module, budget, CancellationToken.None);
            string? log = settings.ShowSshdLog ? await ReadLogAsync(settings, runner, time, budget) : null;
            recent?.Add(await report, time.GetElapsedTime(started));
            return new SidecarReading(await report, log);
        }, logger);

    /// <summary>
    /// For a page: a result at most <see cref="PageMaxAge"/> old, or the next run's, given the local probe module's
    /// timeout. Waits until it comes, unless the page's client goes away.
    /// </summary>
    public Task<SharedSidecarResult> ForPageAsync(SidecarSettings settings, ModuleSettings module, CancellationToken cancellationToken) =>
        GetAsync(settings, module, PageMaxAge, PageMaxAge, module.Timeout, cancellationToken);

    /// <summary>
    /// For a scrape whose local checks have <paramref name="checksTimeout"/>: the run in flight when it started at most
    /// that long before the scrape arrived (its result is then no older than one the scrape ran itself could be at its
    /// end, and it ends within one run's time), else a new run; never a result that was finished before it arrived.
    /// The scrape waits for it at most <paramref name="scrapeTime"/> (the whole scrape's time, and at least the
    /// checks' timeout and <see cref="HandOverGrace"/>); page views delay it by one run at most. Null when no result came in that time: the exporter was too busy to look, which is no fault of sshd,
    /// so the scrape leaves the sidecar's series out rather than reporting checks that could not look.
    /// </summary>
    public async Task<SidecarReport?> ForScrapeAsync(
        SidecarSettings settings, ModuleSettings module, TimeSpan checksTimeout, TimeSpan scrapeTime, CancellationToken cancellationToken)
    {
        var limit = Max(scrapeTime, checksTimeout + HandOverGrace);
        using var wait = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
        try
        {
            return (await GetAsync(settings, module, maxFinishedAge: null, checksTimeout, checksTimeout, linked.Token)).Reading.Report;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (logger is not null)
            {
                LogNoResult(logger, limit.TotalSeconds);
            }

            return null;
        }
    }

    /// <summary>
    /// A result of <paramref name="settings"/> from the finished run (null: never) or the run in flight that started
    /// at most that long ago, or the next run's. A run this starts gets <paramref name="budget"/>; the queued run gets
    /// the smallest budget of those waiting for it, so that it ends in time for each. <paramref name="cancellationToken"/>
    /// ends only this wait.
    /// </summary>
    private async Task<SharedSidecarResult> GetAsync(
        SidecarSettings settings, ModuleSettings module, TimeSpan? maxFinishedAge, TimeSpan maxRunningAge, TimeSpan budget, CancellationToken cancellationToken)
    {
        Run run;
        lock (_lock)
        {
            run = (maxFinishedAge is { } age ? Fresh(_finished, age) : null) ?? Fresh(_running, maxRunningAge) ?? Next();
        }

        var reading = await run.Completion.Task.WaitAsync(cancellationToken);
        return new SharedSidecarResult(reading, time.GetElapsedTime(run.Started));

        Run? Fresh(Run? candidate, TimeSpan maxAge) =>
            candidate is not null && candidate.Settings == settings && candidate.Module == module && time.GetElapsedTime(candidate.Started) <= maxAge
                ? candidate
                : null;

        Run Next()
        {
            if (_running is null)
            {
                _running = new Run(settings, module, budget);
                Start(_running);
                return _running;
            }

            // The newest config wins: a reload while a run is in flight is seen by the next one.
            _queued ??= new Run(settings, module, budget);
            _queued.Settings = settings;
            _queued.Module = module;
            _queued.Budget = Min(_queued.Budget, budget);
            return _queued;
        }
    }

    /// <summary>Called with the lock held.</summary>
    private void Start(Run run)
    {
        run.Started = time.GetTimestamp();
        Task.Run(() => work(run.Settings, run.Module, run.Budget)).ContinueWith(done => Finish(run, done), TaskScheduler.Default);
    }

    private void Finish(Run run, Task<SidecarReading> done)
    {
        lock (_lock)
        {
            if (done.IsCompletedSuccessfully)
            {
                _finished = run;
            }

            _running = _queued;
            _queued = null;
            if (_running is not null)
            {
                Start(_running);
            }
        }

        run.Completion.SetFromTask(done);
    }

    private static async Task<string> ReadLogAsync(SidecarSettings settings, ICommandRunner runner, TimeProvider time, TimeSpan budget)
    {
        using var deadline = new CancellationTokenSource(budget, time);
        try
        {
            return await SshdLogExcerpt.ReadAsync(settings, runner, deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return $"(sshd's log could not be read within {budget.TotalSeconds:0.###}s)\n";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sidecar's checks gave no result within the scrape's {Seconds:0.###}s (the exporter is busy); their series are left out of this scrape")]
    private static partial void LogNoResult(ILogger logger, double seconds);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>One run; its fields change only with the lock held, and only while it is queued.</summary>
    private sealed class Run(SidecarSettings settings, ModuleSettings module, TimeSpan budget)
    {
        public SidecarSettings Settings { get; set; } = settings;

        public ModuleSettings Module { get; set; } = module;

        public TimeSpan Budget { get; set; } = budget;

        /// <summary>When it started (a timestamp of the clock); set as it starts.</summary>
        public long Started { get; set; }

        public TaskCompletionSource<SidecarReading> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
