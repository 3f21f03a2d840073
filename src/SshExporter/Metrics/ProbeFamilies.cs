using SshExporter.Probing;
using SshExporter.Probing.Kex;

namespace SshExporter.Metrics;

/// <summary>
/// The per-target families of the metric contract, in the order they are exposed: the probe's own, then the
/// <c>kexinit</c> stage's, then the host key stage's. Algorithm names never become label values: the weak-algorithm
/// categories are a fixed set, so the series count is fixed too.
/// </summary>
internal static class ProbeFamilies
{
    /// <summary>The label that names the target on <c>/metrics</c>, before the configured labels.</summary>
    public const string TargetLabelName = "target";

    public static IReadOnlyList<ProbeFamily> All { get; } =
    [
        new("ssh_probe_success", "1 when a valid SSH identification was received and every enabled check passed.", [],
            static (lines, r) => lines.Write(Flag(r.Success))),
        new("ssh_connection_refused", "1 when the TCP connect was refused.", [],
            static (lines, r) => lines.Write(Flag(r.Outcome == ProbeOutcome.Refused))),
        new("ssh_connection_timeout", "1 when the TCP connect got no answer within the timeout.", [],
            static (lines, r) => lines.Write(Flag(r.Outcome == ProbeOutcome.ConnectTimeout))),
        new("ssh_banner_received", "1 when a valid SSH identification line arrived.", [],
            static (lines, r) => lines.Write(Flag(r.Outcome is ProbeOutcome.Success or ProbeOutcome.ProtocolUnsupported))),
        new("ssh_probe_outcome", "1 for the outcome of the probe, 0 for every other outcome.", ["outcome"], WriteOutcomes),
        new("ssh_banner_info", "The server's identification line, split as RFC 4253 section 4.2 defines it.", ["protocol_version", "software_version", "comments"],
            WriteBannerInfo),
        new("ssh_probe_duration_seconds", "How long the whole probe took.", [],
            static (lines, r) => lines.Write(r.Duration.TotalSeconds)),
        new("ssh_probe_phase_duration_seconds", "How long each phase of the probe took (0 when not reached).", ["phase"], WritePhases),
        new("ssh_probe_timeout_seconds", "The timeout the probe ran under.", [],
            static (lines, r) => lines.Write(r.Timeout.TotalSeconds)),
        new("ssh_probe_ip_protocol", "The IP family of the address dialled: 4 or 6, 0 when none was resolved.", [],
            static (lines, r) => lines.Write(r.IpProtocol)),

        // Whenever the kexinit stage ran; the verdicts whenever a KEXINIT was read.
        new("ssh_kexinit_received", "1 when the server's KEXINIT was read and parsed, 0 when the kexinit stage ran without one.", [],
            static (lines, r) => WriteIf(lines, r.KexInit is not null, r.KexInit?.Received == true)),
        new("ssh_kex_strict_offered", "1 when the server offers strict key exchange (kex-strict-s-v00@openssh.com), the Terrapin mitigation.", [],
            static (lines, r) => WriteIf(lines, Verdicts(r) is not null, Verdicts(r)?.StrictKexOffered == true)),
        new("ssh_kex_post_quantum_offered", "1 when the server offers a post-quantum hybrid key exchange (mlkem768x25519-sha256, sntrup761x25519-sha512...).", [],
            static (lines, r) => WriteIf(lines, Verdicts(r) is not null, Verdicts(r)?.PostQuantumOffered == true)),
        new("ssh_terrapin_vulnerable", "1 when the server's offer is open to Terrapin (CVE-2023-48795) by ssh-audit's rule: no strict key exchange, and chacha20-poly1305 or a CBC cipher with an -etm MAC.", [],
            static (lines, r) => WriteIf(lines, Verdicts(r) is not null, Verdicts(r)?.TerrapinVulnerable == true)),
        new("ssh_weak_algorithm_offered", "1 when the server offers an algorithm of this weak category, 0 when it offers none.", ["category"], WriteWeakCategories),

        new("ssh_host_key_received", "1 when the host key stage received a host key whose signature over the key exchange verified.", [],
            static (lines, r) => WriteIf(lines, r.HostKey is not null, r.HostKey?.Received == true)) { OnlyWithHostKeyStage = true },
        new("ssh_host_key_info", "The verified host key: its type and its SHA-256 fingerprint as ssh-keygen -l prints it.", ["type", "fingerprint_sha256"],
            WriteHostKeyInfo) { OnlyWithHostKeyStage = true },
        // A revoked key is a mismatch even where the target has no pin to match (known_hosts' "@revoked *" alone).
        new("ssh_host_key_pin_matches", "1 when the verified host key matches a pinned fingerprint of the target (and is not revoked); present only for targets with pins.", [],
            static (lines, r) => WriteIf(lines, r.HostKey is { } key && (key.HasPins || key.Revoked is not null), r.HostKey?.MatchedPin is not null)) { OnlyWithHostKeyStage = true },
    ];

    /// <summary>Label names the per-target series use for themselves, which configured target labels must not reuse.</summary>
    public static IReadOnlySet<string> ReservedLabelNames { get; } =
        new HashSet<string>([TargetLabelName, .. All.SelectMany(family => family.OwnLabelNames)], StringComparer.Ordinal);

    private static double Flag(bool value) => value ? 1 : 0;

    private static KexVerdicts? Verdicts(ProbeResult result) => result.KexInit is { Received: true } kexInit ? kexInit.Verdicts : null;

    private static void WriteIf(SeriesLineWriter lines, bool present, bool value)
    {
        if (present)
        {
            lines.Write(Flag(value));
        }
    }

    private static void WriteOutcomes(SeriesLineWriter lines, ProbeResult result)
    {
        var outcomes = ProbeOutcomes.All;
        for (int i = 0; i < outcomes.Count; i++)
        {
            lines.Write(outcomes[i].ToLabel(), Flag(result.Outcome == outcomes[i]));
        }
    }

    private static void WriteBannerInfo(SeriesLineWriter lines, ProbeResult result)
    {
        if (result.Identification is { } id)
        {
            lines.Write([id.ProtocolVersion, id.SoftwareVersion, id.Comments], 1);
        }
    }

    private static void WritePhases(SeriesLineWriter lines, ProbeResult result)
    {
        var phases = ProbePhases.All;
        for (int i = 0; i < phases.Count; i++)
        {
            lines.Write(phases[i].ToLabel(), result.PhaseDuration(phases[i]).TotalSeconds);
        }
    }

    private static void WriteWeakCategories(SeriesLineWriter lines, ProbeResult result)
    {
        if (Verdicts(result) is not { } verdicts)
        {
            return;
        }

        var categories = WeakAlgorithmCategories.All;
        for (int i = 0; i < categories.Count; i++)
        {
            lines.Write(categories[i].ToLabel(), Flag(verdicts.Offers(categories[i])));
        }
    }

    private static void WriteHostKeyInfo(SeriesLineWriter lines, ProbeResult result)
    {
        if (result.HostKey is { Received: true } key)
        {
            lines.Write([key.KeyType!, key.Fingerprint!.Text], 1);
        }
    }
}
