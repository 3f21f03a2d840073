using SshExporter.Config;
using SshExporter.Probing;

namespace SshExporter.Tests.Config;

public class ConfigLoaderTests
{
    private const string Labels = "cannot be a label name (letters, digits, '_'; not 'target' or '__' reserved names)";

    // Each file under testdata/config/invalid-*.yml with the exact message it must produce, after the file's
    // path: ":line:col: reason" for what YAML parsing finds, ": key.path: reason" for what validation finds.
    internal static readonly Dictionary<string, string> InvalidFiles = new()
    {
        ["invalid-unknown-top-level-key.yml"] = ":4:1: unknown key 'scrape_interval'",
        ["invalid-unknown-module-key.yml"] = ":4:5: unknown key 'retries'",
        ["invalid-unknown-target-key.yml"] = ":3:5: unknown key 'modul'",
        ["invalid-duplicate-key.yml"] = ":4:5: duplicate key 'timeout'",
        ["invalid-duration.yml"] = ":3:14: '5 seconds' is not a duration (examples: 5s, 1m30s, 500ms)",
        ["invalid-timeout-negative.yml"] = ":3:14: '-5s' is not a duration (examples: 5s, 1m30s, 500ms)",
        ["invalid-timeout-zero.yml"] = ": modules.instant.timeout: must be more than 0 and at most 3600s",
        ["invalid-timeout-too-long.yml"] = ": modules.forever.timeout: must be more than 0 and at most 3600s",
        ["invalid-ip-protocol.yml"] = ":3:28: 'ipv4' is not an IP protocol (ip4 or ip6)",
        ["invalid-fallback-not-a-bool.yml"] = ":4:27: 'sometimes' is not a boolean (true or false)",
        ["invalid-read-kexinit-not-a-bool.yml"] = ":3:19: 'yes please' is not a boolean (true or false)",
        ["invalid-port-zero.yml"] = ":2:14: port 0 is outside 1-65535",
        ["invalid-port-too-large.yml"] = ":3:14: port 70000 is outside 1-65535",
        ["invalid-port-not-a-number.yml"] = ":2:14: port 'ssh' is not a number",
        ["invalid-junk-host.yml"] = ":2:14: 'root@db1.example.com' is not a valid host name or IP address",
        ["invalid-url.yml"] = ":2:14: 'https://db1.example.com' is a URL; expected host:port",
        ["invalid-missing-address.yml"] = ": targets[1].address: missing; every target needs an address (host:port)",
        ["invalid-unknown-module.yml"] = ": targets[0].module: module 'fsat' is not defined under modules",
        ["invalid-label-name.yml"] = $": targets[0].labels: 'team-name' {Labels}",
        ["invalid-label-reserved-target.yml"] = $": targets[0].labels: 'target' {Labels}",
        ["invalid-label-reserved-outcome.yml"] = $": targets[0].labels: 'outcome' {Labels}",
        // The host key and KEXINIT series' own labels: prometheus-net refuses a family with a label name twice.
        ["invalid-label-reserved-type.yml"] = $": targets[0].labels: 'type' {Labels}",
        ["invalid-label-reserved-category.yml"] = $": targets[0].labels: 'category' {Labels}",
        ["invalid-label-value-missing.yml"] = ": targets[0].labels.env: has no value; write env: \"\" for an empty one",
        ["invalid-duplicate-series.yml"] = ": targets[1]: db1.example.com:22 is listed twice with the same labels",
        ["invalid-label-reserved-prefix.yml"] = $": targets[0].labels: '__address__' {Labels}",
        ["invalid-label-value-not-a-string.yml"] = ":4:12: expected a single value, found a list or a mapping",
        ["invalid-duplicate-target.yml"] = ": targets[2]: localhost:22 is listed twice with the same labels",
        ["invalid-modules-not-a-map.yml"] = ":2:3: expected a mapping (key: value), found a list",
        ["invalid-targets-not-a-list.yml"] = ":1:10: expected a list, found a single value",
        ["invalid-not-yaml.yml"] = ":1:1: expected a mapping (key: value), found a single value",
        ["invalid-two-documents.yml"] = ":3:1: expected the end of the file, found a second document ('---')",
        ["invalid-unclosed-brace.yml"] = ":2:9: invalid YAML syntax (look for a '{' or '[' that is not closed)",
        ["invalid-unclosed-quote.yml"] = ":2:14: While scanning a quoted scalar, found unexpected end of stream.",
    };

    public static TheoryData<string, string> InvalidCases => new(InvalidFiles.Select(pair => (pair.Key, pair.Value)));

    private static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "testdata", "config", file);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_file_is_rejected_with_its_exact_message(string file, string expected)
    {
        string path = TestData(file);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal(path + expected, error.Message);
    }

    [Fact]
    public void Every_invalid_file_in_testdata_has_an_expected_message()
    {
        var files = Directory.GetFiles(TestData(""), "invalid-*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(InvalidFiles.Keys.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        string path = TestData("does-not-exist.yml");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.StartsWith($"{path}: cannot read the config file: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_good_example_is_read_field_by_field()
    {
        string path = TestData("good.yml");

        var config = ConfigLoader.LoadFile(path);

        Assert.Equal(path, config.Source);
        Assert.Equal(["default", "fast", "v6_first"], config.Modules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Module(5_000, IpProtocol.Ip4, fallback: true), config.Modules["default"]);
        Assert.Equal(Module(1_500, IpProtocol.Ip4, fallback: false) with { ReadKexinit = false }, config.Modules["fast"]);
        Assert.Equal(Module(90_000, IpProtocol.Ip6, fallback: true), config.Modules["v6_first"]);

        Assert.Equal(4, config.Targets.Count);
        AssertTarget(config.Targets[0], "db1.example.com", 2222, "fast", ("env", "prod"), ("team", "storage"));
        AssertTarget(config.Targets[1], "2001:db8::1", 22, "v6_first", ("env", "staging"));
        AssertTarget(config.Targets[2], "192.0.2.10", 22, "default");
        AssertTarget(config.Targets[3], "db1.example.com", 2222, "fast", ("env", "staging"));
        Assert.Equal(["env", "team"], config.TargetLabelNames);
    }

    [Fact]
    public void The_embedded_default_probes_the_local_sshd_with_the_default_module()
    {
        var config = ConfigLoader.LoadEmbeddedDefault();

        Assert.Equal("(embedded default)", config.Source);
        Assert.Equal(["default"], config.Modules.Keys);
        Assert.Equal(Module(5_000, IpProtocol.Ip4, fallback: true), config.Modules["default"]);
        var target = Assert.Single(config.Targets);
        AssertTarget(target, "localhost", 22, "default");
        Assert.Empty(config.TargetLabelNames);
    }

    [Fact]
    public void An_empty_file_is_refused_rather_than_dropping_every_target()
    {
        string path = TestData("empty.yml");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.StartsWith($"{path}: the file has no settings", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("modules:\ntargets: []\n")]
    [InlineData("modules: {}\ntargets: []\n")]
    public void A_file_without_modules_or_targets_gives_the_default_module_and_no_targets(string yaml)
    {
        var config = ConfigLoader.Parse(yaml, "inline.yml");

        Assert.Equal(["default"], config.Modules.Keys);
        Assert.Empty(config.Targets);
    }

    [Fact]
    public void A_module_named_default_replaces_the_built_in_one_and_unset_fields_keep_their_defaults()
    {
        var config = ConfigLoader.Parse("modules:\n  default:\n    timeout: 10s\n  bare:\n", "inline.yml");

        Assert.Equal(Module(10_000, IpProtocol.Ip4, fallback: true), config.Modules["default"]);
        Assert.Equal(Module(5_000, IpProtocol.Ip4, fallback: true), config.Modules["bare"]);
    }

    private static ModuleSettings Module(int timeoutMs, IpProtocol preferred, bool fallback) => new()
    {
        Timeout = TimeSpan.FromMilliseconds(timeoutMs),
        PreferredIpProtocol = preferred,
        IpProtocolFallback = fallback,
    };

    private static void AssertTarget(TargetConfig target, string host, int port, string module, params (string Name, string Value)[] labels)
    {
        Assert.Equal(new TargetAddress(host, port), target.Address);
        Assert.Equal(module, target.Module);
        Assert.Equal(
            labels.Select(l => $"{l.Name}={l.Value}").Order(StringComparer.Ordinal),
            target.Labels.Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));
    }
}
