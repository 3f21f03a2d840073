using System.Text.RegularExpressions;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing.Kex;

/// <summary>
/// The kexinit stage against real sshds: the metrics from what they offer, stock and configured with weak
/// algorithms, and sshd's log, which must say nothing more about a probe that reads the KEXINIT than about one that
/// does not.
/// </summary>
[NeedsSshd]
public partial class KexInitSshdTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(5);

    [GeneratedRegex(@"port \d+")]
    private static partial Regex PortNumber();

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Stock_sshd_offers_strict_and_post_quantum_kex_is_not_open_to_Terrapin_and_offers_only_SHA_1_and_64_bit_MACs(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], TestContext.Current.CancellationToken);

        var metrics = await ProbeMetricsAsync(sshd, new ModuleSettings());

        Assert.Equal(1, metrics["ssh_probe_success"]);
        Assert.Equal(1, metrics["ssh_kexinit_received"]);
        Assert.Equal(1, metrics["ssh_kex_strict_offered"]);
        Assert.Equal(1, metrics["ssh_kex_post_quantum_offered"]);
        Assert.Equal(0, metrics["ssh_terrapin_vulnerable"]);
        Assert.Equal(["mac_64bit_tag", "mac_sha1"], WeakCategories(metrics, offered: true));
        Assert.True(metrics["ssh_probe_phase_duration_seconds{phase=\"kexinit\"}"] > 0);
    }

    [Fact]
    public async Task OpenSSH_9_2_configured_with_weak_algorithms_reads_1_in_each_of_their_categories()
    {
        using var keys = new TempDirectory();
        string rsa = keys.PathOf("ssh_host_rsa_key"), dsa = keys.PathOf("ssh_host_dsa_key");
        string keygen = Requires.Tool("ssh-keygen");
        await ExternalCommand.RunCheckedAsync(keygen, ["-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "", "-f", rsa], TestContext.Current.CancellationToken);
        await ExternalCommand.RunCheckedAsync(keygen, ["-q", "-t", "dsa", "-N", "", "-C", "", "-f", dsa], TestContext.Current.CancellationToken);
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Installed,
        [
            $"HostKey {rsa}",
            $"HostKey {dsa}",
            "HostKeyAlgorithms ssh-ed25519,ssh-rsa,ssh-dss",
            "KexAlgorithms curve25519-sha256,diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1",
            "Ciphers aes128-ctr,aes128-cbc,3des-cbc",
            "MACs hmac-sha2-256-etm@openssh.com,hmac-md5,hmac-sha1,umac-64@openssh.com",
        ], TestContext.Current.CancellationToken);

        var metrics = await ProbeMetricsAsync(sshd, new ModuleSettings());

        Assert.Equal(1, metrics["ssh_kexinit_received"]);
        Assert.Equal(0, metrics["ssh_kex_post_quantum_offered"]);
        // sshd adds its strict kex marker whatever KexAlgorithms says, so CBC with an -etm MAC is no Terrapin here.
        Assert.Equal(1, metrics["ssh_kex_strict_offered"]);
        Assert.Equal(0, metrics["ssh_terrapin_vulnerable"]);
        Assert.Equal(
            ["cipher_3des", "cipher_cbc", "host_key_dsa", "host_key_sha1", "kex_1024bit_group", "kex_sha1", "mac_64bit_tag", "mac_md5", "mac_sha1"],
            WeakCategories(metrics, offered: true));
        // OpenSSH 9.2 has no RC4 and no "none" cipher or MAC to offer.
        Assert.Equal(["cipher_rc4", "none_algorithms"], WeakCategories(metrics, offered: false));
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Sshd_logs_the_same_lines_for_a_probe_that_reads_the_KEXINIT_as_for_one_that_does_not(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], TestContext.Current.CancellationToken);

        var without = await LogLinesOfOneProbeAsync(sshd, new ModuleSettings { ReadKexinit = false });
        var with = await LogLinesOfOneProbeAsync(sshd, new ModuleSettings { ReadKexinit = true });

        Assert.Contains(without, line => line.StartsWith("Connection closed by 127.0.0.1 port N", StringComparison.Ordinal));
        Assert.Equal(without, with);
    }

    private static async Task<Dictionary<string, double>> ProbeMetricsAsync(SshdFixture sshd, ModuleSettings module)
    {
        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, TestContext.Current.CancellationToken, module: module);
        var series = new ProbeResults([], capacity: 1);
        series.Add(result, []);
        return ExpositionText.Samples(await ExpositionText.ExportAsync(series));
    }

    private static string[] WeakCategories(Dictionary<string, double> metrics, bool offered) =>
    [
        .. metrics.Where(m => m.Key.StartsWith("ssh_weak_algorithm_offered{", StringComparison.Ordinal) && m.Value == (offered ? 1 : 0))
            .Select(m => m.Key.Split('"')[1]).Order(StringComparer.Ordinal),
    ];

    /// <summary>What sshd logs about one probe, once it has logged the close, with port numbers made alike.</summary>
    private static async Task<string[]> LogLinesOfOneProbeAsync(SshdFixture sshd, ModuleSettings module)
    {
        int before = sshd.ReadLog().Length;
        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, TestContext.Current.CancellationToken, module: module);
        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal(module.ReadKexinit, result.KexInit?.Received ?? false);
        await Poll.UntilAsync(() => Task.FromResult(sshd.ReadLog()[before..].Contains("Connection closed", StringComparison.Ordinal)), LogLimit, TestContext.Current.CancellationToken);
        // Anything sshd would add after the close line gets a moment to arrive too.
        await Task.Delay(200, TestContext.Current.CancellationToken);
        return [.. sshd.ReadLog()[before..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => PortNumber().Replace(line, "port N"))];
    }
}
