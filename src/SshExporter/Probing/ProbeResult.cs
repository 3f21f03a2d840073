using System.Net;
using SshExporter.Probing.HostKey;

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
    /// <summary>What the host key stage found; null when the module has none or the identification failed.</summary>
    public HostKeyResult? HostKey { get; init; }

    /// <summary>A valid identification arrived and every enabled check passed (<c>ssh_probe_success</c>).</summary>
    public bool Success => Outcome == ProbeOutcome.Success && HostKey?.Passed != false;

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
