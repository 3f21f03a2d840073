using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Kex;
using SshExporter.Tests.Probing.Kex;
using SshExporter.Tests.Sidecar;

namespace SshExporter.Tests.Diagnosis;

/// <summary>A successful probe that read sshd's offer or host key, and the alerts of group ssh-exporter.crypto it raises.</summary>
public sealed record ProbeDetailCase(string Why, ProbeResult Probe, string[] Expected);

/// <summary>The algorithm and host key cases: SSH works, so these only ever add to a verdict.</summary>
internal static class ProbeDetailCases
{
    private const string Modern = "mlkem768x25519-sha256,curve25519-sha256,kex-strict-s-v00@openssh.com";

    private static readonly HostKeyFingerprint Shown = HostKeyFingerprint.OfKeyBlob([1, 2, 3]);
    private static readonly HostKeyFingerprint Other = HostKeyFingerprint.OfKeyBlob([4, 5, 6]);

    public static IReadOnlyDictionary<string, ProbeDetailCase> All { get; } = new ProbeDetailCase[]
    {
        new("stock OpenSSH's hmac-sha1 and umac-64 are not alerted", Offer(Modern, macs: "hmac-sha2-256-etm@openssh.com,hmac-sha1,umac-64@openssh.com"), []),
        new("no strict kex with chacha20, SHA-1 kex, no post-quantum", Offer("curve25519-sha256,diffie-hellman-group14-sha1", ciphers: "chacha20-poly1305@openssh.com,aes128-ctr"),
            ["SshTerrapinVulnerable", "SshWeakAlgorithmsOffered", "SshPostQuantumKexMissing"]),
        new("no post-quantum kex is info: still healthy", Offer("curve25519-sha256,kex-strict-s-v00@openssh.com"), ["SshPostQuantumKexMissing"]),
        new("a verified key that matches no pin", Keyed(new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Shown, Pins = [new HostKeyPin(Other, "host_key_fingerprints")] }), ["SshHostKeyPinMismatch"]),
        new("a revoked key, with no pin to match", Keyed(new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Shown, Pins = [new HostKeyPin(Shown, "known_hosts line 1", Revoked: true)] }), ["SshHostKeyPinMismatch"]),
        new("the key matches its pin", Keyed(new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Shown, Pins = [new HostKeyPin(Shown, "host_key_fingerprints")] }), []),
        new("no verified key pages only after 45 minutes of them, not from one probe", Keyed(HostKeyResult.Failed("timed out", [new HostKeyPin(Shown, "host_key_fingerprints")])), []),
    }.ToDictionary(detail => detail.Why);

    private static ProbeResult Offer(string kex, string ciphers = "aes128-ctr", string macs = "hmac-sha2-256-etm@openssh.com") =>
        SidecarReports.Probe(ProbeOutcome.Success) with { KexInit = KexInitObservation.Of(KexInitPackets.Offer(kex: kex, ciphers: ciphers, macs: macs)) };

    private static ProbeResult Keyed(HostKeyResult key) => SidecarReports.Probe(ProbeOutcome.Success) with { HostKey = key };
}
