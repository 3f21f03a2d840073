using System.Net;
using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Kex;
using SshExporter.Tests.Probing.Kex;

namespace SshExporter.Tests.Metrics;

/// <summary>
/// Probe results of every kind, for the tests of the exposition: every outcome, identifications with comments that
/// need escaping, the kexinit stage off, empty and read, host keys with and without pins or revoked, IPv6, and
/// label values with backslashes, quotes, newlines and characters that are not ASCII.
/// </summary>
internal static class VariedProbeResults
{
    private static readonly HostKeyFingerprint Served = Fingerprint("SHA256:KKI01nrkul1XMFP+nObqvismk+us2VV7bR/VcSpIBGg");
    private static readonly HostKeyFingerprint Other = Fingerprint("SHA256:Vnl24vUmicxi/C3xxmtoW0FzEeUd9T6ZWF7zdMpQfaM");

    public static readonly string[] LabelNames = ["target", "env", "site"];

    /// <summary>Every result of <see cref="All"/> with its values of <see cref="LabelNames"/>.</summary>
    public static (ProbeResult Result, string[] Labels)[] Labelled(bool hostKeyStage) => [.. All(hostKeyStage).Select((result, i) => (result, Labels(i)))];

    /// <summary>Label values that need escaping or are not ASCII, an IPv6 target among them.</summary>
    private static string[] Labels(int i) => (i % 6) switch
    {
        0 => [$"db{i}.example.invalid:22", "prod", "eu"],
        1 => [$"[2001:db8::{i}]:22", "back\\slash", "quote\"d"],
        2 => [$"10.0.0.{i}:2222", "new\nline", "\\\"\n\\n"],
        3 => [$"host{i}.example.invalid:22", "zürich ünïcödé", "東京 🚀"],
        4 => [$"[::1]:{2200 + i}", "", "trailing\\"],
        _ => [$"lone{i}.example.invalid:22", "surrogate \ud800 alone", "tab\there"],
    };

    /// <summary>Every outcome, identifications with odd comments, the kexinit stage off, empty and read, and durations of every shape.</summary>
    public static IEnumerable<ProbeResult> All(bool hostKeyStage)
    {
        SshIdentification?[] identifications =
        [
            new("2.0", "OpenSSH_9.2p1", "Debian-2+deb12u3"),
            new("2.0", "dropbear_2022.83", ""),
            new("2.0", "Odd_1.0", "comment with \"quotes\", back\\slashes, new\nline and ünïcödé"),
            new("1.99", "OpenSSH_3.9p1", "{braces} = and, commas"),
            null,
        ];
        KexInitObservation?[] kexInits =
        [
            null,
            KexInitObservation.NotReceived,
            KexInitObservation.Of(KexInitPackets.Offer()),
            KexInitObservation.Of(KexInitPackets.Offer(kex: "curve25519-sha256", ciphers: "chacha20-poly1305@openssh.com,aes128-cbc", macs: "hmac-sha1")),
            KexInitObservation.Of(KexInitPackets.Offer(kex: "mlkem768x25519-sha256,curve25519-sha256,kex-strict-s-v00@openssh.com,diffie-hellman-group1-sha1")),
        ];
        double[] seconds = [0, 0.000123, 1, 1.25, 3, 0.1 + 0.2, 1e-5, 12.3456789, 1e-7, 120];
        HostKeyResult?[] hostKeys = hostKeyStage
            ?
            [
                null,
                new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Served },
                new HostKeyResult { KeyType = "ssh-rsa", Fingerprint = Served, Pins = [new HostKeyPin(Served, "pins[0]")] },
                new HostKeyResult { KeyType = "ecdsa-sha2-nistp256", Fingerprint = Served, Pins = [new HostKeyPin(Other, "pins[0]")] },
                new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Served, Pins = [new HostKeyPin(Served, "known_hosts:3", Revoked: true)] },
                HostKeyResult.Failed("the signature did not verify", [new HostKeyPin(Other, "pins[0]")]),
                HostKeyResult.Failed("no key", []),
            ]
            : [null];

        int n = 0;
        foreach (var outcome in ProbeOutcomes.All)
        {
            for (int i = 0; i < identifications.Length; i++, n++)
            {
                var withBanner = outcome is ProbeOutcome.Success or ProbeOutcome.ProtocolUnsupported or ProbeOutcome.Throttled;
                yield return new ProbeResult(
                    outcome,
                    withBanner ? identifications[i] : null,
                    (n % 3) switch { 0 => IPAddress.Parse("192.0.2.10"), 1 => IPAddress.Parse("2001:db8::1"), _ => null },
                    Duration: TimeSpan.FromSeconds(seconds[n % seconds.Length]),
                    Timeout: TimeSpan.FromSeconds(n % 2 == 0 ? 5 : 4.5),
                    PhaseDurations: [.. ProbePhases.All.Select((_, p) => TimeSpan.FromSeconds(seconds[(n + p) % seconds.Length]))])
                {
                    KexInit = withBanner ? kexInits[n % kexInits.Length] : null,
                    HostKey = withBanner ? hostKeys[n % hostKeys.Length] : null,
                };
            }
        }
    }

    private static HostKeyFingerprint Fingerprint(string text) =>
        HostKeyFingerprint.TryParse(text, out var fingerprint, out string error) ? fingerprint! : throw new ArgumentException(error, nameof(text));
}
