namespace SshExporter.Probing;

/// <summary>The one thing a probe concluded. Each value is a label value of <c>ssh_probe_outcome</c>.</summary>
public enum ProbeOutcome
{
    Success,
    DnsError,
    Refused,
    ConnectTimeout,
    Unreachable,
    Reset,
    Closed,
    BannerTimeout,
    BannerInvalid,
    ProtocolUnsupported,
    Throttled,
}

public static class ProbeOutcomes
{
    /// <summary>Every outcome, in the order the metric contract lists them.</summary>
    public static IReadOnlyList<ProbeOutcome> All { get; } = Enum.GetValues<ProbeOutcome>();

    private static readonly string[] Labels =
    [
        "success", "dns_error", "refused", "connect_timeout", "unreachable",
        "reset", "closed", "banner_timeout", "banner_invalid", "protocol_unsupported", "throttled",
    ];

    public static string ToLabel(this ProbeOutcome outcome) => Labels[(int)outcome];
}
