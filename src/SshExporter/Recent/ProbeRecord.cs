using SshExporter.Probing;

namespace SshExporter.Recent;

/// <summary>One probe as the pages show it: when, what, with which module, what it found, and its steps.</summary>
/// <param name="Id">Its number in <see cref="RecentProbes"/>, for the link to its log.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Target">The target as given, cut to <see cref="RecentProbes.MaxTargetLength"/>.</param>
/// <param name="Module">The module's name.</param>
/// <param name="Configured">A configured target's probe (<c>/metrics</c>) rather than one of <c>/probe</c>.</param>
/// <param name="Result">What it found; the verdicts are made from it.</param>
/// <param name="Trace">Its steps, at most <see cref="RecentProbes.MaxLogLength"/> characters; null once only the verdict needs it.</param>
public sealed record ProbeRecord(long Id, DateTimeOffset Started, string Target, string Module, bool Configured, ProbeResult Result, ProbeTrace? Trace)
{
    /// <summary>
    /// Its step-by-step log, laid out now: only a page view pays for that. A kept trace leaves out the KEXINIT's
    /// description, which is told here from the result instead.
    /// </summary>
    public string? Log => Trace is null ? null
        : Trace.Detailed || Result.KexInit is not { Received: true } kex ? Trace.ToString()
        : Trace + string.Concat(Probing.Kex.KexInitStage.Describe(kex).Select(line => $"{"",13}{line}\n"));
}
