using CsCheck;
using SshExporter.Config;

namespace SshExporter.Tests.Config;

/// <summary>
/// Property tests of the config loader over random, truncated and mutated YAML built from valid configs: whatever
/// the text, it loads or is refused with a <see cref="ConfigException"/> whose message is one bounded line, so a
/// reload can keep the running config and say why. CsCheck prints the seed and the smallest failing input.
/// </summary>
public class ConfigLoaderFuzzTests
{
    private const int Iterations = 4_000;
    private const string Source = "fuzz.yml";

    /// <summary>The source, the position and the reason's own words, with room for a value it repeats in full.</summary>
    private const int MaxMessageLength = 700;

    // The characters YAML gives a meaning to, and a few of the rest.
    private const string YamlCharacters = "{}[]:,-?&*!|>'\"#%@`~ \n\t\r\\/._=+abcdefhiklmnoprstuvxy0123456789\u00e9\u2028\0";

    private static readonly string[] Valid =
    [
        // The test data's configs, good and each wrong in one way, and one with every section.
        .. Directory.GetFiles(TestData(""), "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText),
        """
        modules:
          default: {timeout: 5s, preferred_ip_protocol: ip4, ip_protocol_fallback: true, read_kexinit: true}
          keys:
            timeout: 2s
            host_key: {algorithms: [ssh-ed25519, rsa-sha2-512]}
        targets:
          - address: bastion.example.invalid:22
            labels: &prod {env: prod, team: "storage"}
          - {address: "[2001:db8::10]:2222", module: keys, labels: *prod, host_key_fingerprints: ['SHA256:Vnl24vUmicxi/C3xxmtoW0FzEeUd9T6ZWF7zdMpQfaM']}
          - address: 192.0.2.10
        sidecar:
          enabled: true
          sshd_config: /etc/ssh/sshd_config
          extra_ports: [2222, 2200]
          systemd_unit: ssh.service
          local_probe_module: keys
        """,
        AliasBomb.Text(targets: 200),
    ];

    [Fact]
    public void Random_text_of_yaml_characters_loads_or_is_refused_with_a_bounded_message() =>
        Gen.String[Gen.Char[YamlCharacters], 0, 400].Sample(Load, iter: Iterations);

    [Fact]
    public void Every_truncation_of_a_valid_config_loads_or_is_refused_with_a_bounded_message() =>
        Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Double[0, 1]).Sample((which, fraction) =>
        {
            string yaml = Valid[which];
            Load(yaml[..(int)(yaml.Length * fraction)]);
        }, iter: Iterations);

    [Fact]
    public void Valid_configs_with_random_edits_load_or_are_refused_with_a_bounded_message() =>
        Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Gen.Double[0, 1], Gen.String[Gen.Char[YamlCharacters], 0, 8]).Array[1, 8])
            .Sample((which, edits) =>
            {
                string yaml = Valid[which];
                foreach (var (kind, at, to, text) in edits)
                {
                    yaml = Edit(yaml, kind, (int)(yaml.Length * at), (int)(yaml.Length * to), text);
                }

                Load(yaml);
            }, iter: Iterations);

    [Fact]
    public void Generated_valid_configs_load_and_read_back_the_same_from_what_config_writes() =>
        Gen.Select(Gen.Int[1, 65535].Array[1, 20], Gen.String[Gen.Char["abc_xyz"], 1, 6].Array[0, 4], Gen.String[Gen.Char[" \"'#:{}[]&*,abc\u00e9"], 0, 12])
            .Sample((ports, names, value) =>
            {
                var labels = names.Distinct().Select(name => $"l_{name}: '{value.Replace("'", "''", StringComparison.Ordinal)}'");
                string yaml = "targets:\n" + string.Concat(ports.Distinct().Select(port => $"  - address: 127.0.0.1:{port}\n    labels: {{{string.Join(", ", labels)}}}\n"));

                var config = ConfigLoader.Parse(yaml, Source);
                var again = ConfigLoader.Parse(ConfigYaml.Write(config), Source);

                Assert.Equal(config.Targets.Select(t => t.Address), again.Targets.Select(t => t.Address));
                Assert.All(again.Targets, target => Assert.All(target.Labels.Values, v => Assert.Equal(value, v)));
            }, iter: 1_000);

    [Theory]
    [InlineData("!!i+4]xp\ntargets: []\n", "fuzz.yml:1:9: Global tags must be valid URIs.")]
    [InlineData("targets:\n  - !!i+4]xp {address: \"127.0.0.1:1\"}\n", "fuzz.yml:2:3: Global tags must be valid URIs.")]
    public void A_tag_that_is_no_uri_is_a_config_error_where_the_parser_lets_an_ArgumentException_out(string yaml, string message)
    {
        // Found by the edits above: at the top of the document YamlDotNet's parser throws a plain ArgumentException.
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, Source));

        Assert.Equal(message, error.Message);
    }

    private static string TestData(string directory) => Path.Combine(AppContext.BaseDirectory, "testdata", "config", directory);

    private static string Edit(string yaml, int kind, int at, int to, string text)
    {
        (int from, int until) = (Math.Min(at, to), Math.Max(at, to));
        return kind switch
        {
            0 => yaml.Insert(at, text),
            1 => yaml.Remove(from, Math.Min(until - from, 16)),
            2 => yaml.Insert(at, yaml[from..Math.Min(until, from + 200)]), // a piece repeated, as a bad merge leaves it
            _ => yaml[..from] + text + yaml[Math.Min(yaml.Length, from + text.Length)..],
        };
    }

    /// <summary>Anything but a <see cref="ConfigException"/> escapes and fails the property.</summary>
    private static void Load(string yaml)
    {
        try
        {
            ConfigLoader.Parse(yaml, Source);
        }
        catch (ConfigException e)
        {
            Assert.StartsWith(Source, e.Message, StringComparison.Ordinal);
            Assert.True(e.Message.Length <= MaxMessageLength, $"{e.Message.Length} characters: {e.Message}");
            Assert.DoesNotContain('\n', e.Message);
        }
    }
}
