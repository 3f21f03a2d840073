using System.Net;
using System.Text;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Kex;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Metrics.RegistryReference;
using SshExporter.Tests.Probing.Kex;

namespace SshExporter.Tests.Metrics;

/// <summary>
/// The exposition written straight from probe results is, line for line and in both formats, what the prometheus-net
/// registry path wrote for the same results: families, HELP and TYPE, label names and order, escaping, value
/// formatting, and OpenMetrics' one "# EOF". The series of a family come in the order the results were gathered on
/// both sides (prometheus-net keeps insertion order), so nothing is sorted before comparing.
/// </summary>
public class DirectExpositionTests
{
    private static readonly HostKeyFingerprint Served = Fingerprint("SHA256:KKI01nrkul1XMFP+nObqvismk+us2VV7bR/VcSpIBGg");
    private static readonly HostKeyFingerprint Other = Fingerprint("SHA256:Vnl24vUmicxi/C3xxmtoW0FzEeUd9T6ZWF7zdMpQfaM");

    public static TheoryData<string, bool> Formats => new()
    {
        { nameof(Exposition.Text), false },
        { nameof(Exposition.OpenMetrics), false },
        { nameof(Exposition.Text), true },
        { nameof(Exposition.OpenMetrics), true },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_kind_of_result_of_a_metrics_scrape_is_written_as_the_registry_wrote_it(string format, bool hostKeyStage)
    {
        string[] labelNames = ["target", "env", "site"];
        (ProbeResult, string[])[] results = [.. Varied(hostKeyStage).Select((result, i) => (result, Labels(i)))];

        await AssertSameAsRegistryAsync(format, labelNames, results);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_lone_probe_without_target_labels_is_written_as_the_registry_wrote_it(string format, bool hostKeyStage)
    {
        foreach (var result in Varied(hostKeyStage))
        {
            await AssertSameAsRegistryAsync(format, [], [(result, [])]);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Without_any_result_the_families_are_declared_as_the_registry_declared_them(string format, bool unused)
    {
        _ = unused;
        await AssertSameAsRegistryAsync(format, ["target"], []);
    }

    private static async Task AssertSameAsRegistryAsync(string format, string[] labelNames, (ProbeResult Result, string[] Labels)[] results)
    {
        var exposition = format == nameof(Exposition.Text) ? Exposition.Text : Exposition.OpenMetrics;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var reference = new RegistryProbeMetricsWriter(registry, labelNames);
        var direct = new ProbeResults(labelNames, results.Length);
        foreach (var (result, labels) in results)
        {
            reference.Write(result, labels);
            direct.Add(result, labels);
        }

        using var expected = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(expected, exposition.Format, TestContext.Current.CancellationToken);
        string written = await ExpositionText.ExportAsync(direct, exposition);

        // Line by line first, so that a difference shows where it is.
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()).Split('\n'), written.Split('\n'));
        Assert.Equal(expected.ToArray(), Encoding.UTF8.GetBytes(written));
    }

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
    private static IEnumerable<ProbeResult> Varied(bool hostKeyStage)
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
