using Microsoft.Extensions.Logging.Abstractions;
using SshExporter.Config;
using SshExporter.Probing.HostKey;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Config;

/// <summary>
/// A module's <c>host_key:</c> section and a target's <c>host_key_fingerprints</c>: what turns the stage on, the
/// defaults, every error with its position or key path, the known_hosts file read at load and at reload, and
/// <c>/config</c> writing it all back as it reads.
/// </summary>
public class HostKeyConfigTests
{
    private const string Algorithms = "ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, rsa-sha2-512, rsa-sha2-256";
    private const string Fingerprint = "SHA256:Vnl24vUmicxi/C3xxmtoW0FzEeUd9T6ZWF7zdMpQfaM";

    // A real ed25519 public key and its fingerprint (ssh-keygen -lf).
    private const string Ed25519Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOCTV/HNfyVtlGz/KpNuhNYODtyTazb2MCCc0krmeidu";
    private const string Ed25519Fingerprint = "SHA256:KKI01nrkul1XMFP+nObqvismk+us2VV7bR/VcSpIBGg";

    // Each file under testdata/config/host-key/ with the exact message after its path.
    private static readonly Dictionary<string, string> InvalidFiles = new()
    {
        ["invalid-unknown-algorithm.yml"] = $":4:33: 'ssh-dss' is not a host key algorithm the probe can check (one of {Algorithms}, ssh-rsa)",
        ["invalid-algorithms-empty.yml"] = $": modules.keys.host_key.algorithms: is empty; leave it out for the default order ({Algorithms})",
        ["invalid-algorithm-twice.yml"] = ": modules.keys.host_key.algorithms: 'rsa-sha2-512' is listed twice",
        ["invalid-unknown-host-key-key.yml"] = ":4:7: unknown key 'algorithm'",
        ["invalid-known-hosts-relative.yml"] = ": modules.keys.host_key.known_hosts: 'known_hosts' must be an absolute path",
        ["invalid-fingerprint.yml"] = ":9:9: 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48' is not a SHA-256 host key fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints it)",
        ["invalid-fingerprint-short.yml"] = ":7:29: 'SHA256:Vnl24vUmicxi' is not a SHA-256 host key fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints it)",
        ["invalid-fingerprints-without-stage.yml"] = ": targets[0].host_key_fingerprints: module 'banner_only' has no host_key section, so nothing would check them",
        ["invalid-host-key-not-a-mapping.yml"] = ":3:15: expected a mapping (key: value), found a single value",
    };

    public static TheoryData<string, string> InvalidCases => new(InvalidFiles.Select(pair => (pair.Key, pair.Value)));

    private static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "testdata", "config", "host-key", file);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_host_key_setting_is_rejected_with_its_exact_message(string file, string expected)
    {
        string path = TestData(file);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal(path + expected, error.Message);
    }

    [Fact]
    public void Every_invalid_file_in_the_host_key_testdata_has_an_expected_message()
    {
        var files = Directory.GetFiles(TestData(""), "invalid-*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(InvalidFiles.Keys.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [InlineData("host_key:")]
    [InlineData("host_key: {}")]
    [InlineData("host_key: {known_hosts: null}")]
    public void A_host_key_key_with_nothing_in_it_turns_the_stage_on_with_ed25519_first(string section)
    {
        var config = ConfigLoader.Parse($"modules:\n  keys:\n    {section}\n  plain:\n    timeout: 3s\n", "test.yml");

        var settings = Assert.IsType<HostKeySettings>(config.Modules["keys"].HostKey);
        Assert.Equal(HostKeyAlgorithm.Default, settings.Algorithms);
        Assert.Equal("ssh-ed25519", settings.Algorithms[0].Name);
        Assert.Null(settings.KnownHosts);
        Assert.Null(config.Modules["plain"].HostKey);
        Assert.Null(config.Modules["default"].HostKey);
    }

    [Fact]
    public void Algorithms_keep_the_configured_order_and_ssh_rsa_only_when_named()
    {
        var config = ConfigLoader.Parse("modules:\n  keys:\n    host_key:\n      algorithms: [rsa-sha2-256, ssh-rsa, ecdsa-sha2-nistp521]\n", "test.yml");

        Assert.Equal(["rsa-sha2-256", "ssh-rsa", "ecdsa-sha2-nistp521"], config.Modules["keys"].HostKey!.Algorithms.Select(a => a.Name));
        Assert.DoesNotContain(HostKeyAlgorithm.RsaSha1, HostKeyAlgorithm.Default);
    }

    [Fact]
    public void A_targets_fingerprints_become_pins_that_name_where_they_were_written()
    {
        var config = ConfigLoader.Parse(
            $"modules:\n  keys:\n    host_key:\ntargets:\n  - address: a.example.invalid\n  - address: b.example.invalid\n    module: keys\n    host_key_fingerprints: ['{Fingerprint}', '{Ed25519Fingerprint}']\n",
            "test.yml");

        Assert.Empty(config.Targets[0].HostKeyPins);
        Assert.Equal(
            [(Fingerprint, "test.yml: targets[1].host_key_fingerprints[0]"), (Ed25519Fingerprint, "test.yml: targets[1].host_key_fingerprints[1]")],
            config.Targets[1].HostKeyPins.Select(pin => (pin.Fingerprint.Text, pin.Source)));
    }

    [Fact]
    public void A_known_hosts_file_is_read_when_the_config_loads()
    {
        using var directory = new TempDirectory();
        string knownHosts = directory.Write("known_hosts", $"# ours\n\ndb1.example.invalid,10.0.0.1 {Ed25519Key} root@db1\n[db2.example.invalid]:2222 {Ed25519Key}\n");

        var config = ConfigLoader.Parse(KnownHostsModule(knownHosts), "test.yml");

        var file = config.Modules["keys"].HostKey!.KnownHosts!;
        Assert.Equal(knownHosts, file.Path);
        Assert.Equal(2, file.Count);
        Assert.Equal(Ed25519Fingerprint, Assert.Single(file.PinsFor(new("DB1.example.invalid", 22))).Fingerprint.Text);
        Assert.Equal($"{knownHosts}:4", Assert.Single(file.PinsFor(new("db2.example.invalid", 2222))).Source);
        Assert.Empty(file.PinsFor(new("db2.example.invalid", 22)));
    }

    public static TheoryData<string, string> BadKnownHostsLines => new()
    {
        { $"@cert-authority *.example.invalid {Ed25519Key}", ":2: @cert-authority lines are not supported: the probe does not check host certificates, so these hosts would go unpinned; pin their host keys instead" },
        { $"@trusted db1 {Ed25519Key}", ":2: unknown marker '@trusted' (known_hosts has @revoked and @cert-authority)" },
        { "db1 ssh-ed25519", ":2: expected hosts, key type and key" },
        { "db1 ssh-ed25519 not*base64", ":2: the key is not base64" },
        { $"db1 ecdsa-sha2-nistp256 {Ed25519Key.Split(' ')[1]}", ":2: the key is not a key of type 'ecdsa-sha2-nistp256'" },
        { $"|1|c2FsdA==|aGFzaA== {Ed25519Key}", ":2: a hashed host name's salt and hash are 20 bytes each" },
        { $"|2|a|b {Ed25519Key}", ":2: a hashed host name must read |1|salt|hash" },
        { $"db1,,db2 {Ed25519Key}", ":2: empty host pattern in 'db1,,db2'" },
    };

    [Theory]
    [MemberData(nameof(BadKnownHostsLines))]
    public void A_known_hosts_line_that_cannot_be_used_is_rejected_with_its_file_and_line(string line, string expected)
    {
        using var directory = new TempDirectory();
        string knownHosts = directory.Write("known_hosts", $"db0 {Ed25519Key}\n{line}\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(KnownHostsModule(knownHosts), "test.yml"));

        Assert.Equal($"test.yml: modules.keys.host_key.known_hosts: {knownHosts}{expected}", error.Message);
    }

    [Fact]
    public void A_missing_known_hosts_file_is_rejected_with_its_path()
    {
        using var directory = new TempDirectory();
        string missing = directory.PathOf("known_hosts");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(KnownHostsModule(missing), "test.yml"));

        Assert.StartsWith($"test.yml: modules.keys.host_key.known_hosts: {missing}: cannot read the known_hosts file: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revoked_key_is_a_pin_that_never_matches()
    {
        using var directory = new TempDirectory();
        string knownHosts = directory.Write("known_hosts", $"@revoked * {Ed25519Key}\n");

        var pin = Assert.Single(ConfigLoader.Parse(KnownHostsModule(knownHosts), "test.yml").Modules["keys"].HostKey!.KnownHosts!.PinsFor(new("db1", 22)));

        Assert.True(pin.Revoked);
        Assert.Equal($"{knownHosts}:1 (@revoked)", pin.Source);
        Assert.True(HostKeyFingerprint.TryParse(Ed25519Fingerprint, out var fingerprint, out _));
        var result = new HostKeyResult { KeyType = "ssh-ed25519", Fingerprint = fingerprint, Pins = [pin] };
        Assert.Same(pin, result.Revoked);
        Assert.False(result.HasPins);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Reloading_rereads_the_known_hosts_file_and_a_bad_one_keeps_the_running_config()
    {
        using var directory = new TempDirectory();
        string knownHosts = directory.Write("known_hosts", $"db1 {Ed25519Key}\n");
        string configFile = directory.Write("config.yml", KnownHostsModule(knownHosts));
        var store = new ConfigStore(configFile, NullLogger<ConfigStore>.Instance, TimeProvider.System);

        File.WriteAllText(knownHosts, $"db1 {Ed25519Key}\ndb2 {Ed25519Key}\n");
        Assert.True(store.TryReload("test", out string error), error);
        var reloaded = store.Current;
        File.WriteAllText(knownHosts, $"@cert-authority * {Ed25519Key}\n");
        bool acceptedBad = store.TryReload("test", out error);

        Assert.Equal(2, reloaded.Modules["keys"].HostKey!.KnownHosts!.Count);
        Assert.False(acceptedBad);
        Assert.Contains($"{knownHosts}:1: @cert-authority lines are not supported", error, StringComparison.Ordinal);
        Assert.Same(reloaded, store.Current);
    }

    [Fact]
    public void The_written_config_reads_back_to_the_same_host_key_settings()
    {
        using var directory = new TempDirectory();
        string knownHosts = directory.Write("known_hosts", $"db1 {Ed25519Key}\n");
        var config = ConfigLoader.Parse(
            $"modules:\n  keys:\n    host_key:\n      algorithms: [ecdsa-sha2-nistp384, ssh-ed25519]\n      known_hosts: {knownHosts}\n  defaults:\n    host_key: {{}}\n"
            + $"targets:\n  - address: db1.example.invalid:22\n    module: keys\n    host_key_fingerprints: ['{Fingerprint}']\n",
            "test.yml");

        string written = ConfigYaml.Write(config);
        var again = ConfigLoader.Parse(written, "written.yml");

        Assert.Contains("known_hosts: " + knownHosts, written, StringComparison.Ordinal);
        Assert.Contains("- " + Fingerprint, written, StringComparison.Ordinal);
        Assert.Equal(["ecdsa-sha2-nistp384", "ssh-ed25519"], again.Modules["keys"].HostKey!.Algorithms.Select(a => a.Name));
        Assert.Equal(knownHosts, again.Modules["keys"].HostKey!.KnownHosts!.Path);
        Assert.Equal(HostKeyAlgorithm.Default, again.Modules["defaults"].HostKey!.Algorithms);
        Assert.Null(again.Modules["default"].HostKey);
        Assert.Equal(Fingerprint, Assert.Single(again.Targets[0].HostKeyPins).Fingerprint.Text);
        Assert.Equal(written, ConfigYaml.Write(again).Replace("written.yml", "test.yml", StringComparison.Ordinal));
    }

    private static string KnownHostsModule(string knownHosts) => $"modules:\n  keys:\n    host_key:\n      known_hosts: '{knownHosts}'\n";
}
