using System.Diagnostics;
using System.Globalization;
using SshExporter.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Config;

/// <summary>
/// What a config file may be: a regular file (a symlink to one is fine), at most the size cap, not empty, and no
/// more targets, modules, labels or characters than the limits; each limit's boundary is accepted, one past it refused.
/// </summary>
public class ConfigBoundsTests
{
    private const string Fingerprint = "SHA256:Vnl24vUmicxi/C3xxmtoW0FzEeUd9T6ZWF7zdMpQfaM";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [NeedsTool("mkfifo")]
    public async Task A_fifo_is_refused_at_once_without_waiting_for_a_writer()
    {
        using var directory = new TempDirectory();
        string fifo = directory.PathOf("config.yml");
        await ExternalCommand.RunCheckedAsync(Requires.Tool("mkfifo"), [fifo], Token);

        var stopwatch = Stopwatch.StartNew();
        var error = await Task.Run(() => Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(fifo)), Token).WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal($"{fifo}: the config file is a FIFO (named pipe), not a regular file (a symlink to one is fine)", error.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("/dev/zero", "a character device")]
    [InlineData("/dev/null", "a character device")]
    [InlineData("/", "a directory")]
    public void A_device_or_a_directory_is_refused_before_it_is_read(string path, string type)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal($"{path}: the config file is {type}, not a regular file (a symlink to one is fine)", error.Message);
    }

    [Fact]
    public void A_symlink_to_a_device_is_refused_and_a_chain_of_symlinks_to_a_file_is_read_as_a_ConfigMap_mounts_it()
    {
        using var directory = new TempDirectory();
        directory.Write("..2026_12_03/config.yml", "targets: [{address: \"127.0.0.1:22\"}]\n");
        File.CreateSymbolicLink(directory.PathOf("..data"), "..2026_12_03");
        string mounted = directory.PathOf("config.yml");
        File.CreateSymbolicLink(mounted, "..data/config.yml");
        string toDevice = directory.PathOf("zero.yml");
        File.CreateSymbolicLink(toDevice, "/dev/zero");

        Assert.Single(ConfigLoader.LoadFile(mounted).Targets);
        Assert.Contains("is a character device", Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(toDevice)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_the_size_cap_loads_and_one_byte_more_is_refused()
    {
        using var directory = new TempDirectory();
        string atCap = directory.Write("at-cap.yml", PaddedTo(ConfigLimits.MaxFileBytes));
        string overCap = directory.Write("over-cap.yml", PaddedTo(ConfigLimits.MaxFileBytes + 1));

        Assert.Equal(ConfigLimits.MaxFileBytes, new FileInfo(atCap).Length);
        Assert.Single(ConfigLoader.LoadFile(atCap).Targets);
        Assert.Equal(
            $"{overCap}: the config file is larger than 4 MiB, the most it may be",
            Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(overCap)).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# all targets moved elsewhere\n")]
    [InlineData("---\n")]
    [InlineData("--- # nothing\n...\n")]
    [InlineData("~\n")]
    public void An_empty_file_is_refused_with_how_to_write_no_targets(string yaml)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "test.yml"));

        Assert.Equal("test.yml: the file has no settings (empty, or only comments or '---'); write `targets: []` for a config with no targets", error.Message);
    }

    [Theory]
    [InlineData("targets:\n")]
    [InlineData("modules: {fast: {timeout: 1s}}\ntargets:\n")]
    [InlineData("targets: ~\n")]
    public void Targets_with_no_value_as_a_file_cut_short_leaves_it_are_refused(string yaml)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "test.yml"));

        Assert.Equal("test.yml: targets: has no value; write `targets: []` for no targets", error.Message);
    }

    [Theory]
    [InlineData("targets: []\n")]
    [InlineData("# none yet\ntargets: []\n")]
    [InlineData("modules: {fast: {timeout: 1s}}\n")]
    [InlineData("sidecar: {enabled: false}\n")]
    public void An_explicitly_empty_config_loads(string yaml)
    {
        var config = ConfigLoader.Parse(yaml, "test.yml");

        Assert.Empty(config.Targets);
    }

    public static TheoryData<string, int, string, string> Limits => new()
    {
        { "targets", ConfigLimits.MaxTargets, "test.yml: targets: 10001 targets; at most 10000 are allowed", "" },
        { "modules", ConfigLimits.MaxModules, "test.yml: modules: 1001 modules; at most 1000 are allowed", "" },
        { "label names", ConfigLimits.MaxLabelNames, "test.yml: targets[32].labels: 33 label names over this and the targets before it (every series carries every name); at most 32 are allowed", "" },
        { "labels of one target", ConfigLimits.MaxLabelNames, "test.yml: targets[0].labels: 33 label names over this and the targets before it (every series carries every name); at most 32 are allowed", "" },
        { "label value", ConfigLimits.MaxLabelValueLength, $"test.yml: targets[0].labels.env: '{Excerpt('v')}' is 1025 characters long; at most 1024 are allowed", "" },
        { "label name", ConfigLimits.MaxNameLength, $"test.yml: targets[0].labels: the name: '{Excerpt('n')}' is 129 characters long; at most 128 are allowed", "" },
        { "module name", ConfigLimits.MaxNameLength, $"test.yml: modules: the name: '{Excerpt('m')}' is 129 characters long; at most 128 are allowed", "" },
        { "fingerprints", ConfigLimits.MaxHostKeyFingerprints, "test.yml: targets[0].host_key_fingerprints: 65 fingerprints; at most 64 are allowed", "" },
        { "extra ports", ConfigLimits.MaxExtraPorts, "test.yml: sidecar.extra_ports: 257 ports; at most 256 are allowed", "" },
        { "sshd_config path", ConfigLimits.MaxPathLength, $"test.yml: sidecar.sshd_config: '/{Excerpt('p', 63)}' is 4097 characters long; at most 4096 are allowed", "" },
        { "systemd unit", ConfigLimits.MaxUnitNameLength, $"test.yml: sidecar.systemd_unit: '{Excerpt('u')}' is 256 characters long; at most 255 are allowed", "" },
        { "known_hosts path", ConfigLimits.MaxPathLength, $"test.yml: modules.keys.host_key.known_hosts: '/{Excerpt('k', 63)}' is 4097 characters long; at most 4096 are allowed", "cannot read the known_hosts file" },
        { "typed value", ConfigLimits.MaxTypedScalarLength, "test.yml:1:24: a value of 301 characters is longer than this setting can be (at most 300)", "is not a duration" },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Each_limit_is_reached_but_not_passed(string what, int limit, string overLimitError, string atLimitError)
    {
        string atLimit = ConfigWith(what, limit);
        if (atLimitError.Length == 0)
        {
            ConfigLoader.Parse(atLimit, "test.yml");
        }
        else
        {
            // At the limit the value is read, and found wrong for what it is rather than for its length.
            Assert.Contains(atLimitError, Assert.Throws<ConfigException>(() => ConfigLoader.Parse(atLimit, "test.yml")).Message, StringComparison.Ordinal);
        }

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(ConfigWith(what, limit + 1), "test.yml"));
        Assert.Equal(overLimitError, error.Message);
    }

    [Fact]
    public void An_alias_bomb_is_refused_at_the_alias_that_passes_the_limit()
    {
        // 90 KB that would write out 1,000 targets with 32 labels of 1,000 characters each: 32 MB per series.
        string bomb = AliasBomb.Text(targets: 1_000);
        Assert.True(bomb.Length < 100_000, bomb.Length.ToString(CultureInfo.InvariantCulture));

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(bomb, "test.yml"));

        Assert.Matches(@"^test\.yml:\d+:\d+: the file expands to more than 4194304 characters once its aliases \(\*name\) are written out \(scalars, plus one per node\)$", error.Message);
    }

    [Fact]
    public void Aliases_that_share_a_label_set_between_targets_still_load()
    {
        var config = ConfigLoader.Parse(
            "targets:\n  - {address: \"127.0.0.1:22\", labels: &prod {env: prod, team: storage}}\n  - {address: \"127.0.0.1:23\", labels: *prod}\n",
            "test.yml");

        Assert.Equal(["prod", "prod"], config.Targets.Select(t => t.Labels["env"]));
        // YamlDotNet gives an alias the anchored object itself, not a copy: parsing stays small, writing out does not.
        Assert.Same(config.Targets[0].Labels, config.Targets[1].Labels);
    }

    [Theory]
    [InlineData("a: [x, y, {k: v}]\n")]
    [InlineData("a: &x [x, y, {k: v}]\nb: *x\nc: [*x, *x]\n")]
    [InlineData("a: &s text\nb: {*s : *s}\n")]
    public void The_expansion_count_is_exact_at_its_limit(string yaml)
    {
        long size = ExpandedSize(yaml);

        Count(yaml, size);
        Assert.Throws<YamlDotNet.Core.YamlException>(() => Count(yaml, size - 1));
    }

    [Fact]
    [NeedsTool("mkfifo")]
    public async Task A_known_hosts_file_that_is_a_fifo_or_a_device_is_refused_without_blocking()
    {
        using var directory = new TempDirectory();
        string fifo = directory.PathOf("known_hosts");
        await ExternalCommand.RunCheckedAsync(Requires.Tool("mkfifo"), [fifo], Token);

        foreach (var (path, type) in new[] { (fifo, "a FIFO (named pipe)"), ("/dev/zero", "a character device") })
        {
            var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"modules:\n  keys:\n    host_key: {{known_hosts: {path}}}\n", "test.yml"));
            Assert.Equal($"test.yml: modules.keys.host_key.known_hosts: {path}: the known_hosts file is {type}, not a regular file (a symlink to one is fine)", error.Message);
        }
    }

    private static string Excerpt(char repeated, int count = 64) => new string(repeated, count) + "...";

    [Fact]
    public async Task The_readme_states_the_limits_the_loader_enforces()
    {
        string readme = (await File.ReadAllTextAsync(RepositoryRoot.Combine("README.md"), Token)).ReplaceLineEndings(" ");

        Assert.All(
            [
                $"of at most {ConfigLimits.MaxFileBytes / (1024 * 1024)} MiB", $"At most {Thousands(ConfigLimits.MaxTargets)} targets", $"{Thousands(ConfigLimits.MaxModules)} modules",
                $"at most {ConfigLimits.MaxLabelNames} distinct label names", $"names of at most {ConfigLimits.MaxNameLength} characters",
                $"values of at most {Thousands(ConfigLimits.MaxLabelValueLength)}", $"at most {ConfigLimits.MaxHostKeyFingerprints} `host_key_fingerprints`",
                $"{ConfigLimits.MaxExtraPorts} sidecar `extra_ports`", $"more than {ConfigLimits.MaxExpandedSize / (1024 * 1024)} Mi characters",
                $"up to {SshExporter.Probing.HostKey.KnownHostsFile.MaxFileBytes / (1024 * 1024)} MiB",
            ],
            limit => Assert.Contains(limit, readme, StringComparison.Ordinal));
    }

    private static string Thousands(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A one-target config padded with a comment to exactly <paramref name="bytes"/> bytes.</summary>
    private static string PaddedTo(long bytes)
    {
        const string Yaml = "targets: [{address: \"127.0.0.1:22\"}]\n#";
        return Yaml + new string('x', (int)(bytes - Yaml.Length - 1)) + "\n";
    }

    /// <summary>A config with <paramref name="count"/> of <paramref name="what"/>, valid but for that count.</summary>
    private static string ConfigWith(string what, int count) => what switch
    {
        "targets" => $"targets:\n{string.Concat(Enumerable.Range(0, count).Select(i => $"  - address: 10.{i / 65536}.{i / 256 % 256}.{i % 256}:22\n"))}",
        "modules" => $"modules:\n{string.Concat(Enumerable.Range(0, count).Select(i => $"  m{i}: {{}}\n"))}",
        "label names" => $"targets:\n{string.Concat(Enumerable.Range(0, count).Select(i => $"  - {{address: \"127.0.0.1:{i + 1}\", labels: {{l{i}: x}}}}\n"))}",
        "labels of one target" => $"targets:\n  - address: 127.0.0.1:22\n    labels: {{{string.Join(", ", Enumerable.Range(0, count).Select(i => $"l{i}: x"))}}}\n",
        "label value" => $"targets: [{{address: \"127.0.0.1:22\", labels: {{env: {new string('v', count)}}}}}]\n",
        "label name" => $"targets: [{{address: \"127.0.0.1:22\", labels: {{{new string('n', count)}: x}}}}]\n",
        "module name" => $"modules: {{{new string('m', count)}: {{}}}}\ntargets: []\n",
        "fingerprints" => $"modules: {{keys: {{host_key: {{}}}}}}\ntargets: [{{address: \"127.0.0.1:22\", module: keys, host_key_fingerprints: [{string.Join(", ", Enumerable.Repeat(Fingerprint, count))}]}}]\n",
        "extra ports" => $"sidecar: {{extra_ports: [{string.Join(", ", Enumerable.Range(1, count))}]}}\n",
        "sshd_config path" => $"sidecar: {{sshd_config: /{new string('p', count - 1)}}}\n",
        "systemd unit" => $"sidecar: {{systemd_unit: {new string('u', count)}}}\n",
        "known_hosts path" => $"modules: {{keys: {{host_key: {{known_hosts: /{new string('k', count - 1)}}}}}}}\n",
        "typed value" => $"modules: {{m: {{timeout: {new string('9', count)}}}}}\n",
        _ => throw new ArgumentException(what, nameof(what)),
    };

    /// <summary>The expanded size counted the slow way: the document written out with every alias replaced.</summary>
    private static long ExpandedSize(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Sum(document => Size(document.RootNode));

        static long Size(YamlDotNet.RepresentationModel.YamlNode node) => node switch
        {
            YamlDotNet.RepresentationModel.YamlScalarNode scalar => 1 + (scalar.Value?.Length ?? 0),
            YamlDotNet.RepresentationModel.YamlSequenceNode sequence => 1 + sequence.Children.Sum(Size),
            YamlDotNet.RepresentationModel.YamlMappingNode mapping => 1 + mapping.Children.Sum(pair => Size(pair.Key) + Size(pair.Value)),
            _ => throw new ArgumentException(node.GetType().Name, nameof(node)),
        };
    }

    private static void Count(string yaml, long limit)
    {
        var parser = new AliasExpansionLimit(new YamlDotNet.Core.Parser(new StringReader(yaml)), limit);
        while (parser.MoveNext())
        {
        }
    }
}
