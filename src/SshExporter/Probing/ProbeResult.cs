using System.Net;

namespace SshExporter.Probing;

/// <summary>What one probe found; everything the metrics are made from.</summary>
public sealed record ProbeResult(
    ProbeOutcome Outcome,
    SshIdentification? Identification,
    IPAddress? Address,
    TimeSpan Duration,
    TimeSpan Timeout,
    IReadOnlyList<TimeSpan> PhaseDurations)
{
    public bool Success => Outcome == ProbeOutcome.Success;

    /// <summary>The <c>kexinit</c> stage's findings; null when it did not run (turned off, or no identification).</summary>
    public Kex.KexInitObservation? KexInit { get; init; }

    /// <summary>4 or 6 once an address was chosen, 0 before.</summary>
    public int IpProtocol => Address?.AddressFamily switch
    {
        System.Net.Sockets.AddressFamily.InterNetwork => 4,
        System.Net.Sockets.AddressFamily.InterNetworkV6 => 6,
        _ => 0,
    };

    public TimeSpan PhaseDuration(ProbePhase phase) => PhaseDurations[(int)phase];
}
