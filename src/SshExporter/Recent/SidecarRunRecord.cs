using SshExporter.Diagnosis;

namespace SshExporter.Recent;

/// <summary>One run of the sidecar's checks as the pages list it.</summary>
/// <param name="Id">Its number in <see cref="RecentSidecarRuns"/>, for the link to its log.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Duration">How long the checks took.</param>
/// <param name="State">The local sshd's verdict from this run.</param>
/// <param name="Outcome">The verdict's headline alert, or what the checks found when healthy.</param>
/// <param name="Log">Each check's line, cut to <see cref="RecentSidecarRuns.MaxLogLength"/>; never sshd's own log lines.</param>
public sealed record SidecarRunRecord(long Id, DateTimeOffset Started, TimeSpan Duration, VerdictState State, string Outcome, string Log);
