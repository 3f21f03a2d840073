namespace SshExporter.Probing;

/// <summary>How reading the server's identification ended.</summary>
public enum BannerEnd
{
    /// <summary>A line starting with "SSH-" that parses as an identification.</summary>
    Identified,

    /// <summary>Bytes that cannot be an SSH identification: a malformed or over-long SSH- line, NUL, or too much preamble.</summary>
    NotSsh,

    /// <summary>
    /// sshd's own notice that it will not serve this connection ("Exceeded MaxStartups", "Not allowed at this
    /// time"): it is throttling the prober, which is neither another service nor a broken sshd.
    /// </summary>
    SshdRefused,

    /// <summary>The peer closed its side (FIN).</summary>
    PeerClosed,

    /// <summary>The peer reset the connection (RST) or the socket failed.</summary>
    PeerReset,

    /// <summary>The probe's deadline passed first.</summary>
    DeadlineHit,
}

/// <summary>
/// What the banner phase saw: how it ended, how many bytes came, the identification if any, and whether the
/// bytes were sshd's own words (<paramref name="FromSshd"/>): an identification line cut short. Then a hang-up or
/// silence is sshd's, not another service's.
/// </summary>
public readonly record struct BannerObservation(BannerEnd End, int BytesRead, SshIdentification? Identification = null, bool FromSshd = false);
