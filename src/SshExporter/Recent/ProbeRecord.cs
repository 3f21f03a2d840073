using SshExporter.Probing;

namespace SshExporter.Recent;

/// <summary>One probe as the pages show it: when, what, with which module, what it found, and its steps.</summary>
/// <param name="Id">Its number in <see cref="RecentProbes"/>, for the link to its log.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Target">The target as given, cut to <see cref="RecentProbes.MaxTargetLength"/>.</param>
/// <param name="Module">The module's name.</param>
/// <param name="Configured">A configured target's probe (<c>/metrics</c>) rather than one of <c>/probe</c>.</param>
/// <param name="Result">What it found; the verdicts are made from it.</param>
/// <param name="Log">Its step-by-step log, cut to <see cref="RecentProbes.MaxLogLength"/>; null once only the verdict needs it.</param>
public sealed record ProbeRecord(long Id, DateTimeOffset Started, string Target, string Module, bool Configured, ProbeResult Result, string? Log);
