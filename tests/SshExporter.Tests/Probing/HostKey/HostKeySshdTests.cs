using System.Text.RegularExpressions;
using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>
/// The host key stage against a real sshd, Debian's and the newer one built from source, with ed25519, ECDSA and
/// RSA host keys the test makes: the fingerprint is the one ssh-keygen prints, the configured order picks the key,
/// pins from a target or a known_hosts file match until the key is rotated, and sshd logs a plain close.
/// </summary>
[NeedsSshd]
public partial class HostKeySshdTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(5);

    [GeneratedRegex(@"^Connection closed by 127\.0\.0\.1 port [0-9]+ \[preauth\]$")]
    private static partial Regex PlainClose();

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Each_key_type_is_received_verified_and_fingerprinted_as_ssh_keygen_prints_it(string openssh)
    {
        using var keys = new TempDirectory();
        TestHostKey[] extra =
        [
            await TestHostKey.CreateAsync(keys.PathOf("ecdsa256"), "ecdsa", 256),
            await TestHostKey.CreateAsync(keys.PathOf("ecdsa384"), "ecdsa", 384),
            await TestHostKey.CreateAsync(keys.PathOf("ecdsa521"), "ecdsa", 521),
            await TestHostKey.CreateAsync(keys.PathOf("rsa"), "rsa", 2048),
        ];
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [.. extra.Select(key => $"HostKey {key.PrivateKeyFile}")], Token);
        var ed25519 = await TestHostKey.OfAsync(sshd.HostKeyFiles[0]);
        (HostKeyAlgorithm Algorithm, TestHostKey Key)[] cases =
        [
            (HostKeyAlgorithm.Ed25519, ed25519),
            (HostKeyAlgorithm.EcdsaNistP256, extra[0]),
            (HostKeyAlgorithm.EcdsaNistP384, extra[1]),
            (HostKeyAlgorithm.EcdsaNistP521, extra[2]),
            (HostKeyAlgorithm.RsaSha512, extra[3]),
            (HostKeyAlgorithm.RsaSha256, extra[3]),
        ];

        foreach (var (algorithm, key) in cases)
        {
            var run = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module(algorithm));

            Assert.Equal(1, run.Value("ssh_host_key_received"));
            Assert.Equal(1, run.Value(HostKeyProbeRun.InfoSeries(key.KeyType, key.Fingerprint)));
            Assert.Equal(1, run.Value("ssh_probe_success"));
            Assert.False(run.Has("ssh_host_key_pin_matches"));
            Assert.Contains($"negotiated curve25519-sha256 with host key algorithm {algorithm.Name}", run.Trace, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task The_default_order_picks_ed25519_and_a_configured_order_picks_its_first_key_the_server_has(string openssh)
    {
        using var keys = new TempDirectory();
        var ecdsa = await TestHostKey.CreateAsync(keys.PathOf("ecdsa"), "ecdsa", 384);
        var rsa = await TestHostKey.CreateAsync(keys.PathOf("rsa"), "rsa", 2048);
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [$"HostKey {rsa.PrivateKeyFile}", $"HostKey {ecdsa.PrivateKeyFile}"], Token);
        var ed25519 = await TestHostKey.OfAsync(sshd.HostKeyFiles[0]);

        var byDefault = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module());
        var rsaFirst = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module(HostKeyAlgorithm.RsaSha256, HostKeyAlgorithm.Ed25519));
        // The server has no nistp256 key, so the next one in the module's order is taken.
        var ecdsaAfterAMiss = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module(HostKeyAlgorithm.EcdsaNistP256, HostKeyAlgorithm.EcdsaNistP384, HostKeyAlgorithm.Ed25519));

        Assert.Equal(1, byDefault.Value(HostKeyProbeRun.InfoSeries("ssh-ed25519", ed25519.Fingerprint)));
        Assert.Equal(1, rsaFirst.Value(HostKeyProbeRun.InfoSeries("ssh-rsa", rsa.Fingerprint)));
        Assert.Equal(1, ecdsaAfterAMiss.Value(HostKeyProbeRun.InfoSeries("ecdsa-sha2-nistp384", ecdsa.Fingerprint)));
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task A_module_whose_algorithms_the_server_lacks_fails_the_stage_without_a_negotiation_error_in_sshds_log(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], Token);

        var run = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module(HostKeyAlgorithm.RsaSha512));

        Assert.Equal(0, run.Value("ssh_host_key_received"));
        Assert.Equal(0, run.Value("ssh_probe_success"));
        Assert.Equal(1, run.Value("ssh_probe_outcome{outcome=\"success\"}"));
        Assert.Contains("the server offers none of the module's host key algorithms rsa-sha2-512", run.Trace, StringComparison.Ordinal);
        await AssertOnlyPlainClosesAsync(sshd, expected: 1);
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task A_rotated_host_key_no_longer_matches_the_pin_and_fails_the_probe_while_the_outcome_stays_success(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], Token);
        var original = await TestHostKey.OfAsync(sshd.HostKeyFiles[0]);
        Assert.True(HostKeyFingerprint.TryParse(original.Fingerprint, out var pinned, out string error), error);
        HostKeyPin[] pins = [new(pinned!, "targets[0].host_key_fingerprints[0]")];

        var before = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module(), pins);
        await sshd.TerminateAsync(Token);
        var rotated = await TestHostKey.CreateAsync(sshd.HostKeyFiles[0], "ed25519");
        Assert.True(await sshd.TryStartAgainAsync(sshd.Port, Token), sshd.Diagnostics());
        var after = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module(), pins);

        Assert.Equal(1, before.Value("ssh_host_key_pin_matches"));
        Assert.Equal(1, before.Value("ssh_probe_success"));
        Assert.Contains("matches the pin of targets[0].host_key_fingerprints[0]", before.Trace, StringComparison.Ordinal);
        Assert.NotEqual(original.Fingerprint, rotated.Fingerprint);
        Assert.Equal(1, after.Value("ssh_host_key_received"));
        Assert.Equal(1, after.Value(HostKeyProbeRun.InfoSeries("ssh-ed25519", rotated.Fingerprint)));
        Assert.Equal(0, after.Value("ssh_host_key_pin_matches"));
        Assert.Equal(0, after.Value("ssh_probe_success"));
        Assert.Equal(1, after.Value("ssh_probe_outcome{outcome=\"success\"}"));
        Assert.Contains($"MATCHES NO PIN; expected one of {original.Fingerprint} (targets[0].host_key_fingerprints[0])", after.Trace, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Known_hosts_entries_for_host_and_port_pin_the_key_plain_and_hashed(string openssh)
    {
        using var files = new TempDirectory();
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], Token);
        var key = await TestHostKey.OfAsync(sshd.HostKeyFiles[0]);
        var stranger = await TestHostKey.CreateAsync(files.PathOf("stranger"), "ed25519");
        string name = $"[127.0.0.1]:{sshd.Port}";
        string plain = files.Write("plain", $"# pinned by hand\n{name} {key.PublicKeyLine}\n[127.0.0.1]:1 {stranger.PublicKeyLine}\n");
        string hashed = files.Write("hashed", await File.ReadAllTextAsync(plain, Token));
        await ExternalCommand.RunCheckedAsync(Requires.Tool("ssh-keygen"), ["-H", "-f", hashed], Token);
        string wrong = files.Write("wrong", $"{name} {stranger.PublicKeyLine}\n");
        string otherPort = files.Write("other-port", $"127.0.0.1 {key.PublicKeyLine}\n");
        Assert.DoesNotContain("127.0.0.1", await File.ReadAllTextAsync(hashed, Token), StringComparison.Ordinal);

        var runs = new Dictionary<string, HostKeyProbeRun>();
        foreach (string file in new[] { plain, hashed, wrong, otherPort })
        {
            Assert.True(KnownHostsFile.TryLoad(file, out var knownHosts, out string error), error);
            runs[file] = await HostKeyProbeRun.RunAsync(sshd.Target, new ModuleSettings { HostKey = new HostKeySettings { KnownHosts = knownHosts } });
        }

        Assert.Equal(1, runs[plain].Value("ssh_host_key_pin_matches"));
        Assert.Contains($"matches the pin of {plain}:2", runs[plain].Trace, StringComparison.Ordinal);
        Assert.Equal(1, runs[hashed].Value("ssh_host_key_pin_matches"));
        Assert.Equal(1, runs[hashed].Value("ssh_probe_success"));
        Assert.Equal(0, runs[wrong].Value("ssh_host_key_pin_matches"));
        Assert.Equal(0, runs[wrong].Value("ssh_probe_success"));
        // Port 22's entry does not name another port, as in OpenSSH: no pins, so no pin series.
        Assert.False(runs[otherPort].Has("ssh_host_key_pin_matches"));
        Assert.Equal(1, runs[otherPort].Value("ssh_probe_success"));
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Sshd_logs_a_host_key_probe_as_one_plain_close_before_authentication(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], Token);

        var run = await HostKeyProbeRun.RunAsync(sshd.Target, HostKeyProbeRun.Module());

        Assert.Equal(1, run.Value("ssh_host_key_received"));
        // One connection for the identification, the KEXINIT and the key exchange: one line.
        await AssertOnlyPlainClosesAsync(sshd, expected: 1);
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task A_signature_changed_on_the_way_is_rejected_and_no_key_is_reported(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], Token);
        await using var relay = new SignatureFlippingRelay(sshd.Port);

        var run = await HostKeyProbeRun.RunAsync(relay.Target, HostKeyProbeRun.Module());

        Assert.Equal(1, relay.SignaturesFlipped);
        Assert.Equal(0, run.Value("ssh_host_key_received"));
        Assert.False(run.Has("ssh_host_key_info"));
        Assert.Equal(0, run.Value("ssh_probe_success"));
        Assert.Equal(1, run.Value("ssh_probe_outcome{outcome=\"success\"}"));
        Assert.Contains("no verified key: the server's ssh-ed25519 signature over the exchange hash does not verify with the host key it sent", run.Trace, StringComparison.Ordinal);
        await AssertOnlyPlainClosesAsync(sshd, expected: 1);
    }

    /// <summary>Waits for <paramref name="expected"/> closes in sshd's log, then holds every line but its start to be one.</summary>
    private static async Task AssertOnlyPlainClosesAsync(SshdFixture sshd, int expected)
    {
        string[] lines = [];
        await Poll.UntilAsync(
            () => Task.FromResult((lines = Lines(sshd.ReadLog())).Count(line => PlainClose().IsMatch(line)) >= expected), LogLimit, Token);
        // A moment more, for a line that would come after the closes.
        await Task.Delay(200, Token);
        lines = Lines(sshd.ReadLog());

        Assert.True(lines.Length == expected && lines.All(line => PlainClose().IsMatch(line)), $"expected {expected} plain closes, sshd logged:\n{string.Join('\n', lines)}");
    }

    /// <summary>
    /// The log's lines about connections. Left out: sshd's start, and the warning an sshd built without PAM gives for
    /// the fixture's "UsePAM no" each time a connection re-reads the config, which is no doing of the probe's.
    /// </summary>
    private static string[] Lines(string log) =>
        [.. log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("Server listening on ", StringComparison.Ordinal) && !line.Contains("Unsupported option UsePAM", StringComparison.Ordinal))];
}
