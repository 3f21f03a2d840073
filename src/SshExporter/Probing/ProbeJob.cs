using SshExporter.Probing.HostKey;
using SshExporter.Probing.Restriction;

namespace SshExporter.Probing;

/// <summary>
/// One probe to run: the target, the module (by name, for the log and the debug report), the timeout the scrape
/// budget gives it, and the label values of its series (none on <c>/probe</c>; the target and its configured
/// labels on <c>/metrics</c>).
/// </summary>
public sealed record ProbeJob(TargetAddress Target, string ModuleName, ModuleSettings Module, TimeSpan Timeout, string[] SeriesLabels)
{
    /// <summary>The target's own <c>host_key_fingerprints</c> (a <c>/metrics</c> target's); none on <c>/probe</c>.</summary>
    public IReadOnlyList<HostKeyPin> HostKeyPins { get; init; } = [];

    /// <summary>
    /// The module's <c>allowed_targets</c> on a job a client asked for (<c>/probe</c>, the <c>probe</c> command); none
    /// on a configured <c>/metrics</c> target, which the admin wrote into the config file.
    /// </summary>
    public AllowedTargets? Restriction { get; init; }

    /// <summary>One line naming the module and the rule that refused this job's target, for <c>/probe</c> and the <c>probe</c> command alike.</summary>
    public string Refusal(TargetRefusedException refusal) =>
        $"module {InputExcerpt.Quote(ModuleName)} does not allow target {InputExcerpt.Quote(Target.ToString())}: {refusal.Rule}";

    /// <summary>
    /// How long the probe may wait for a socket slot before its timeout starts: what is left of the request's time
    /// once the whole timeout is set aside, so that a late start never cuts the target's time short; none given, as
    /// long as the timeout.
    /// </summary>
    public TimeSpan? SlotWait { get; init; }

    /// <summary>The wait for a slot that leaves the whole <paramref name="timeout"/> within <paramref name="timeLeft"/>; none when it does not fit.</summary>
    public static TimeSpan SlotWaitWithin(TimeSpan timeLeft, TimeSpan timeout) => timeLeft > timeout ? timeLeft - timeout : TimeSpan.Zero;

    /// <summary>
    /// The job of <c>/probe?target=…&amp;module=…</c> and of the <c>probe</c> command; false with a one-line reason
    /// when the target is missing or malformed or the module is not configured.
    /// </summary>
    public static bool TryCreate(
        string? target, string moduleName, IReadOnlyDictionary<string, ModuleSettings> modules, ScrapeBudget budget, out ProbeJob? job, out string error)
    {
        job = null;
        if (target is null)
        {
            error = "target parameter is missing";
            return false;
        }

        if (!TargetAddress.TryParse(target, out var address, out string targetError))
        {
            error = $"invalid target: {targetError}";
            return false;
        }

        if (!modules.TryGetValue(moduleName, out var module))
        {
            error = $"unknown module {InputExcerpt.Quote(moduleName)}";
            return false;
        }

        var timeout = budget.TimeoutFor(module.Timeout);
        job = new ProbeJob(address!, moduleName, module, timeout, [])
        {
            Restriction = module.AllowedTargets,
            // Without Prometheus's timeout header (a person's curl, the landing page's form) the budget is long: a wait
            // for a slot is never longer than the probe itself.
            SlotWait = TimeSpan.FromTicks(Math.Min(SlotWaitWithin(budget.Total, timeout).Ticks, timeout.Ticks)),
        };
        error = "";
        return true;
    }
}
