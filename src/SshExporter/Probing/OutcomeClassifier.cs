using System.Net.Sockets;

namespace SshExporter.Probing;

/// <summary>
/// The one place that decides a probe's outcome from what the socket saw. Pure functions of a fixed
/// input, so every branch is table-tested; no exception text ever becomes a label.
/// </summary>
public static class OutcomeClassifier
{
    /// <summary>The TCP connect failed with <paramref name="error"/> (a deadline is <see cref="ProbeOutcome.ConnectTimeout"/>).</summary>
    public static ProbeOutcome FromConnectError(SocketError error) => error switch
    {
        // A RST answering the SYN (nothing listens, or a firewall's tcp-reset) is ECONNREFUSED.
        SocketError.ConnectionRefused => ProbeOutcome.Refused,
        // ECONNRESET only comes once the handshake completed: the server accepted, then reset before the
        // connect call returned (an sshd that dies at once, tcp wrappers). That is a reset, not a refusal.
        SocketError.ConnectionReset => ProbeOutcome.Reset,
        SocketError.TimedOut => ProbeOutcome.ConnectTimeout,
        // Host/network unreachable (ICMP or no route). A local firewall (EPERM/EACCES) or no ephemeral port never
        // gets here: those are the exporter's own failures (Sockets.LocalFailures).
        _ => ProbeOutcome.Unreachable,
    };

    /// <summary>How the banner phase ends when the socket fails with <paramref name="error"/> while reading.</summary>
    public static BannerEnd BannerEndFromSocketError(SocketError error) => error switch
    {
        SocketError.TimedOut => BannerEnd.DeadlineHit,
        _ => BannerEnd.PeerReset,
    };

    /// <summary>The outcome once a connection was established and the banner phase ended.</summary>
    public static ProbeOutcome FromBanner(BannerObservation seen) => seen.End switch
    {
        BannerEnd.Identified when seen.Identification is { SpeaksSsh2: true } => ProbeOutcome.Success,
        BannerEnd.Identified when seen.Identification is { IsSsh1Only: true } => ProbeOutcome.ProtocolUnsupported,
        BannerEnd.Identified or BannerEnd.NotSsh => ProbeOutcome.BannerInvalid,
        BannerEnd.SshdRefused => ProbeOutcome.Throttled,
        // Lines that were not an identification, then silence or a hang-up: something else owns the port,
        // unless the bytes were sshd's own (a cut-short identification).
        _ when seen.BytesRead > 0 && !seen.FromSshd => ProbeOutcome.BannerInvalid,
        BannerEnd.PeerClosed => ProbeOutcome.Closed,
        BannerEnd.PeerReset => ProbeOutcome.Reset,
        _ => ProbeOutcome.BannerTimeout,
    };
}
