using System.Net;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Metrics;

/// <summary>
/// The host key stage's series: none without a stage, received and info for a verified key, the pin series only for
/// a target with pins, and <c>ssh_probe_success</c> 0 for a failed stage or a mismatch while the outcome stays success.
/// </summary>
public class HostKeySeriesTests
{
    private static readonly HostKeyFingerprint Served = Fingerprint("SHA256:KKI01nrkul1XMFP+nObqvismk+us2VV7bR/VcSpIBGg");
    private static readonly HostKeyFingerprint Other = Fingerprint("SHA256:Vnl24vUmicxi/C3xxmtoW0FzEeUd9T6ZWF7zdMpQfaM");
    private static readonly HostKeyPin OtherPin = new(Other, "targets[0].host_key_fingerprints[0]");

    [Fact]
    public async Task A_probe_without_a_host_key_stage_has_no_host_key_families()
    {
        string text = await WriteAsync(null);

        Assert.DoesNotContain("ssh_host_key", text, StringComparison.Ordinal);
        Assert.Equal(1, ExpositionText.Value(text, "ssh_probe_success"));
    }

    [Fact]
    public async Task A_verified_key_without_pins_is_received_with_its_type_and_fingerprint_and_no_pin_series()
    {
        string text = await WriteAsync(new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Served });

        Assert.Equal(1, ExpositionText.Value(text, "ssh_host_key_received"));
        Assert.Equal(1, ExpositionText.Value(text, $"ssh_host_key_info{{type=\"ssh-ed25519\",fingerprint_sha256=\"{Served}\"}}"));
        Assert.False(HasSample(text, "ssh_host_key_pin_matches"));
        Assert.Equal(1, ExpositionText.Value(text, "ssh_probe_success"));
    }

    [Fact]
    public async Task A_key_that_matches_one_of_the_pins_passes()
    {
        string text = await WriteAsync(new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Served, Pins = [OtherPin, new(Served, "known_hosts:3")] });

        Assert.Equal(1, ExpositionText.Value(text, "ssh_host_key_pin_matches"));
        Assert.Equal(1, ExpositionText.Value(text, "ssh_probe_success"));
    }

    [Fact]
    public async Task A_key_that_matches_no_pin_fails_the_probe_but_not_the_outcome()
    {
        string text = await WriteAsync(new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = Served, Pins = [OtherPin] });

        Assert.Equal(1, ExpositionText.Value(text, "ssh_host_key_received"));
        Assert.Equal(0, ExpositionText.Value(text, "ssh_host_key_pin_matches"));
        Assert.Equal(0, ExpositionText.Value(text, "ssh_probe_success"));
        Assert.Equal(1, ExpositionText.Value(text, "ssh_probe_outcome{outcome=\"success\"}"));
    }

    [Fact]
    public async Task A_revoked_key_fails_even_when_another_line_pins_it()
    {
        string text = await WriteAsync(new HostKeyResult
        {
            KeyType = "ssh-ed25519", Fingerprint = Served, Pins = [new(Served, "known_hosts:1"), new(Served, "known_hosts:2 (@revoked)", Revoked: true)],
        });

        Assert.Equal(0, ExpositionText.Value(text, "ssh_host_key_pin_matches"));
        Assert.Equal(0, ExpositionText.Value(text, "ssh_probe_success"));
    }

    /// <summary>known_hosts with only "@revoked *" lines pins nothing, yet a revoked key must still read as a mismatch.</summary>
    [Fact]
    public async Task A_revoked_key_is_a_mismatch_where_revoked_lines_are_all_the_target_has()
    {
        string revoked = await WriteAsync(new HostKeyResult
        {
            KeyType = "ssh-ed25519", Fingerprint = Served, Pins = [new(Served, "known_hosts:1 (@revoked)", Revoked: true)],
        });
        string another = await WriteAsync(new HostKeyResult
        {
            KeyType = "ssh-ed25519", Fingerprint = Served, Pins = [new(OtherPin.Fingerprint, "known_hosts:1 (@revoked)", Revoked: true)],
        });

        Assert.Equal(0, ExpositionText.Value(revoked, "ssh_host_key_pin_matches"));
        Assert.Equal(0, ExpositionText.Value(revoked, "ssh_probe_success"));
        Assert.False(HasSample(another, "ssh_host_key_pin_matches"));
        Assert.Equal(1, ExpositionText.Value(another, "ssh_probe_success"));
    }

    [Fact]
    public async Task A_failed_exchange_has_no_info_and_pin_matches_0_when_the_target_has_pins()
    {
        string withPins = await WriteAsync(HostKeyResult.Failed("the deadline passed", [OtherPin]));
        string withoutPins = await WriteAsync(HostKeyResult.Failed("the deadline passed", []));

        Assert.Equal(0, ExpositionText.Value(withPins, "ssh_host_key_received"));
        Assert.False(HasSample(withPins, "ssh_host_key_info"));
        Assert.Equal(0, ExpositionText.Value(withPins, "ssh_host_key_pin_matches"));
        Assert.Equal(0, ExpositionText.Value(withPins, "ssh_probe_success"));
        Assert.False(HasSample(withoutPins, "ssh_host_key_pin_matches"));
        Assert.Equal(0, ExpositionText.Value(withoutPins, "ssh_probe_success"));
    }

    [Fact]
    public async Task Metrics_targets_carry_their_labels_on_the_host_key_series()
    {
        var results = new ProbeResults(["target", "env"], capacity: 2);
        results.Add(Result(new HostKeyResult { KeyType = "ssh-rsa", Fingerprint = Served, Pins = [OtherPin] }), ["db1.example.invalid:22", "prod"]);
        results.Add(Result(null), ["db2.example.invalid:22", "prod"]);

        var samples = await ExpositionText.SamplesAsync(results);

        var hostKey = samples.Where(s => s.Name.StartsWith("ssh_host_key", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, hostKey.Count);
        Assert.All(hostKey, s => Assert.Equal(("db1.example.invalid:22", "prod"), (s.Label("target"), s.Label("env"))));
    }

    private static bool HasSample(string text, string metric) => ExpositionText.Parse(text).Any(sample => sample.Name == metric);

    private static async Task<string> WriteAsync(HostKeyResult? hostKey)
    {
        var results = new ProbeResults([], capacity: 1);
        results.Add(Result(hostKey), []);
        return await ExpositionText.ExportAsync(results);
    }

    private static ProbeResult Result(HostKeyResult? hostKey) =>
        new(ProbeOutcome.Success, new SshIdentification("2.0", "OpenSSH_9.2p1", ""), IPAddress.Loopback, TimeSpan.FromMilliseconds(30), TimeSpan.FromSeconds(5),
            [.. ProbePhases.All.Select(_ => TimeSpan.FromMilliseconds(5))]) { HostKey = hostKey };

    private static HostKeyFingerprint Fingerprint(string text) =>
        HostKeyFingerprint.TryParse(text, out var fingerprint, out string error) ? fingerprint! : throw new ArgumentException(error, nameof(text));
}
