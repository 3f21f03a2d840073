using System.Net;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Probing.Kex;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Probing.Kex;

namespace SshExporter.Tests.Metrics;

/// <summary>The kexinit stage's series: present when the stage ran, verdicts only when a KEXINIT was read.</summary>
public class KexSeriesTests
{
    private static readonly string[] KexFamilies =
        ["ssh_kex_post_quantum_offered", "ssh_kex_strict_offered", "ssh_kexinit_received", "ssh_terrapin_vulnerable", "ssh_weak_algorithm_offered"];

    [Fact]
    public async Task A_probe_whose_stage_did_not_run_has_no_kex_series()
    {
        var samples = await WriteAsync(null);

        Assert.DoesNotContain(samples, s => KexFamilies.Contains(s.Name));
    }

    [Fact]
    public async Task A_stage_that_read_no_KEXINIT_says_so_and_gives_no_verdicts()
    {
        var samples = await WriteAsync(KexInitObservation.NotReceived);

        Assert.Equal(0, Assert.Single(samples, s => s.Name == "ssh_kexinit_received").Value);
        Assert.Equal(["ssh_kexinit_received"], samples.Where(s => KexFamilies.Contains(s.Name)).Select(s => s.Name));
    }

    [Fact]
    public async Task A_KEXINIT_read_gives_every_verdict_and_every_weak_category_as_0_or_1()
    {
        var offer = KexInitPackets.Offer(kex: "curve25519-sha256", ciphers: "chacha20-poly1305@openssh.com,aes128-cbc", macs: "hmac-sha1");

        var samples = await WriteAsync(KexInitObservation.Of(offer));

        Assert.Equal(1, Value(samples, "ssh_kexinit_received"));
        Assert.Equal(0, Value(samples, "ssh_kex_strict_offered"));
        Assert.Equal(0, Value(samples, "ssh_kex_post_quantum_offered"));
        Assert.Equal(1, Value(samples, "ssh_terrapin_vulnerable"));
        var weak = samples.Where(s => s.Name == "ssh_weak_algorithm_offered").ToDictionary(s => s.Label("category"), s => s.Value);
        Assert.Equal(WeakAlgorithmCategories.All.Select(c => c.ToLabel()).Order(StringComparer.Ordinal), weak.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["cipher_cbc", "mac_sha1"], weak.Where(w => w.Value == 1).Select(w => w.Key).Order(StringComparer.Ordinal));
        Assert.All(weak.Values, v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public async Task With_target_labels_the_kex_series_carry_them()
    {
        var results = new ProbeResults(["target"], capacity: 1);
        results.Add(Result(KexInitObservation.Of(KexInitPackets.Offer())), ["db1.example.com:22"]);

        var samples = await ExpositionText.SamplesAsync(results);

        Assert.All(samples.Where(s => KexFamilies.Contains(s.Name)), s => Assert.Equal("db1.example.com:22", s.Label("target")));
        Assert.Equal(WeakAlgorithmCategories.All.Count, samples.Count(s => s.Name == "ssh_weak_algorithm_offered"));
    }

    private static async Task<IReadOnlyList<Sample>> WriteAsync(KexInitObservation? kexInit)
    {
        var results = new ProbeResults([], capacity: 1);
        results.Add(Result(kexInit), []);
        return await ExpositionText.SamplesAsync(results);
    }

    private static ProbeResult Result(KexInitObservation? kexInit) =>
        new(ProbeOutcome.Success, new SshIdentification("2.0", "OpenSSH_9.2p1", ""), IPAddress.Loopback, TimeSpan.FromMilliseconds(5),
            TimeSpan.FromSeconds(5), [.. ProbePhases.All.Select(_ => TimeSpan.Zero)]) { KexInit = kexInit };

    private static double Value(IReadOnlyList<Sample> samples, string name) => Assert.Single(samples, s => s.Name == name).Value;
}
