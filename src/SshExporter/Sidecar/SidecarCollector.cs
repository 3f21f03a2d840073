using SshExporter.Probing;
using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar;

/// <summary>
/// Runs the sidecar's checks (<see cref="SidecarChecks.All"/>) on the SSH server's own host when Prometheus
/// scrapes, all at once except where one reads another's result, and wraps each the same way: timed, bounded by
/// the deadline, and reported in <c>sshd_check_success</c> and <c>sshd_check_duration_seconds</c>.
/// </summary>
public sealed class SidecarCollector(TimeProvider time, SshProber prober, ICommandRunner runner)
{
    private readonly IReadOnlyList<ISidecarCheck> _checks = SidecarChecks.All(prober);

    /// <summary>
    /// Runs every check within <paramref name="budget"/> (the scrape's probe timeout): a check still running
    /// then is stopped and reported as "could not look", so a hung tool never costs the whole scrape.
    /// </summary>
    public async Task<SidecarReport> CollectAsync(SidecarSettings settings, ModuleSettings localProbeModule, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var context = new SidecarContext(settings, localProbeModule, runner, time, budget);
        var running = new Dictionary<string, Task<CheckOutcome>>();
        var byName = _checks.ToDictionary(check => check.Name);

        // A check starts once the checks it needs have finished; the rest run side by side.
        Task<CheckOutcome> Start(ISidecarCheck check)
        {
            if (!running.TryGetValue(check.Name, out var task))
            {
                Task<CheckOutcome>[] needs = [.. check.Needs.Select(name => Start(byName[name]))];
                running[check.Name] = task = RunAsync(check, needs, context, linked.Token, cancellationToken);
            }

            return task;
        }

        return new SidecarReport(await Task.WhenAll(_checks.Select(Start).ToList()));
    }

    private async Task<CheckOutcome> RunAsync(
        ISidecarCheck check, Task<CheckOutcome>[] needs, SidecarContext context, CancellationToken token, CancellationToken caller)
    {
        await Task.WhenAll(needs);
        long start = time.GetTimestamp();
        CheckResult result;
        try
        {
            // WaitAsync: even a check that ignores its token cannot hold the scrape past the deadline.
            result = await check.RunAsync(context, token).WaitAsync(token);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            result = check.CouldNotRun(context, $"did not finish within {context.Budget.TotalSeconds:0.###}s");
        }

        context.Add(result);
        return new CheckOutcome(check.Name, result, time.GetElapsedTime(start));
    }
}
