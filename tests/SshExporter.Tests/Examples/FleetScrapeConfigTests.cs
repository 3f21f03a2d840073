using System.Globalization;
using System.Text.RegularExpressions;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Examples;

/// <summary>
/// The fleet examples of examples/prometheus/ (file_sd, shards) keep the relabelling of the single-job examples,
/// and a real Prometheus shows what they promise: every server of the shipped target files with the same
/// <c>host</c> in both views, its <c>port</c> and its labels; and shards made as docs/scaling.md says that take
/// each server exactly once, both its views in the same shard.
/// </summary>
public partial class FleetScrapeConfigTests
{
    private const string FileSdExample = "fleet-file-sd.yml";
    private const string ShardedExample = "fleet-sharded.yml";
    private const string TargetsDirectory = "targets";
    private const string ScalingDoc = "docs/scaling.md";
    private const int ShardRuleCount = 2;

    /// <summary>The examples with one job each, whose relabelling every other example's job of the same name repeats.</summary>
    private static readonly string[] SingleJobExamples = ["probe.yml", "sidecar.yml", "metrics.yml", "host-keys.yml"];

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(RepositoryRoot.Combine(ExamplePrometheusConfig.Directory), "*.yml").Select(path => Path.GetFileName(path)).Order()];

    /// <summary>
    /// Every job of every example relabels exactly as the single-job example of its name, so the <c>host</c> and
    /// <c>port</c> the alert rules join on cannot drift between files. Allowed to differ: the exporter's address,
    /// and, at the end, the two rules of a shard.
    /// </summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_job_relabels_as_the_single_job_example_of_its_name(string example)
    {
        var originals = SingleJobExamples.ToDictionary(ExamplePrometheusConfig.JobName, file => ExamplePrometheusConfig.Jobs(file).Single());
        foreach (var job in ExamplePrometheusConfig.Jobs(example))
        {
            string name = job.Text("job_name")!;
            Assert.True(originals.TryGetValue(name, out var original), $"{example}: job {name} is none of {string.Join(", ", originals.Keys)}; give it the name and relabelling of one");

            var rules = RelabelRules(job);
            if (ShardRules(rules) is not null)
            {
                rules = rules[..^ShardRuleCount];
            }

            Assert.Equal(Canonical(RelabelRules(original), ExamplePrometheusConfig.ExporterRule(original)), Canonical(rules, ExamplePrometheusConfig.ExporterRule(job)));
            Assert.Equal(Canonical(original, "metrics_path"), Canonical(job, "metrics_path"));
            Assert.Equal(Canonical(original, "params"), Canonical(job, "params"));
        }
    }

    /// <summary>The sharded example ends each job with the same two rules: hash <c>host</c>, keep this shard's number, the one its external label names.</summary>
    [Fact]
    public void The_sharded_example_hashes_host_in_every_job_and_keeps_the_shard_its_label_names()
    {
        var config = ExamplePrometheusConfig.Load(ShardedExample);
        var shards = ExamplePrometheusConfig.Jobs(ShardedExample).Select(job => ShardRules(RelabelRules(job))).ToList();

        Assert.All(shards, shard => Assert.NotNull(shard));
        Assert.Single(shards.Distinct());
        Assert.Equal(config.Mapping("global").Mapping("external_labels").Text("shard"), shards[0]!.Value.Number);
    }

    /// <summary>
    /// Prometheus reads the shipped target files through fleet-file-sd.yml: each server gets its <c>host</c> (the
    /// same in both views), the <c>port</c> probed and the file's labels. Nothing is dialed but a closed loopback
    /// port, in place of the exporter and of the sidecars.
    /// </summary>
    [NeedsPrometheus]
    [Fact]
    public async Task The_shipped_target_files_give_each_server_one_host_in_both_views_its_port_and_its_labels()
    {
        using var directory = new TempDirectory();
        CopyDirectory(RepositoryRoot.Combine($"{ExamplePrometheusConfig.Directory}/{TargetsDirectory}"), directory.PathOf(TargetsDirectory));
        var jobs = ExamplePrometheusConfig.Jobs(FileSdExample);
        var listed = jobs.ToDictionary(job => job.Text("job_name")!, job => ListedTargets(job, directory.Path));
        Assert.All(listed, job => Assert.NotEmpty(job.Value));
        string probeJob = jobs.Single(job => ExamplePrometheusConfig.ExporterRule(job) is not null).Text("job_name")!;

        var targets = await DiscoverAsync(directory.Path, ExamplePrometheusConfig.Load(FileSdExample), listed.Values.Sum(list => list.Count));

        foreach (var (job, jobTargets) in listed)
        {
            foreach (var (address, labels) in jobTargets)
            {
                var target = Assert.Single(targets, t => t.Labels?["job"] == job && t.Labels["instance"] == address).Labels!;
                // Where the exporter itself would say the host and port are.
                Assert.True(TargetAddress.TryParse(address, out var parsed, out string error), error);
                Assert.Equal(parsed!.Host, target["host"]);
                Assert.Equal(job == probeJob ? parsed.Port.ToString(CultureInfo.InvariantCulture) : null, target.GetValueOrDefault("port"));
                Assert.All(labels, label => Assert.Equal(label.Value, target.GetValueOrDefault(label.Key)));
            }
        }

        // Both views list the same servers by the same names, or the rules' joins find nothing.
        var hostsByJob = listed.Keys.Select(job => targets.Where(t => t.Labels?["job"] == job).Select(t => t.Labels!["host"]).ToHashSet()).ToList();
        Assert.True(hostsByJob[0].SetEquals(hostsByJob[1]), $"the jobs list different hosts: {string.Join(", ", hostsByJob[0])} / {string.Join(", ", hostsByJob[1])}");
    }

    /// <summary>
    /// The shard configs docs/scaling.md writes from fleet-sharded.yml, each run by a real Prometheus over one
    /// fleet: every target is active in exactly one shard, every shard gets some, and all targets of a server
    /// (its probed ports and its sidecar) are in the same shard.
    /// </summary>
    [NeedsPrometheus]
    [Fact]
    public async Task The_shards_the_doc_writes_take_each_server_once_with_both_its_views()
    {
        using var directory = new TempDirectory();
        File.Copy(RepositoryRoot.Combine($"{ExamplePrometheusConfig.Directory}/{ShardedExample}"), directory.PathOf(ShardedExample));
        await ExternalCommand.RunCheckedAsync(Requires.Tool("bash"), ["-euc", $"cd \"$1\"\n{ShardScript()}", "bash", directory.Path], Token);
        string[] shardFiles = [.. Directory.GetFiles(directory.Path, "prometheus-shard-*.yml")];
        Assert.True(shardFiles.Length >= 2, $"the script of {ScalingDoc} wrote {shardFiles.Length} shard configs");

        string[] hosts = [.. Enumerable.Range(1, 14).Select(n => $"server-{n:00}.invalid"), "127.0.0.1", "::1"];
        var fleet = Fleet(hosts);
        var found = await Task.WhenAll(shardFiles.Select(file => DiscoverShardAsync(directory, file, shardFiles.Length, fleet)));

        var active = found.SelectMany(shard => shard.Targets.Where(t => !t.IsDropped).Select(t => (shard.Number, Labels: t.Labels!))).ToList();
        string where = string.Join("\n", active.Select(t => $"shard {t.Number}: {t.Labels["job"]} {t.Labels["instance"]} host={t.Labels["host"]}").Order(StringComparer.Ordinal));
        foreach (var (job, targets) in fleet)
        {
            Assert.All(targets, target => Assert.True(
                active.Count(t => t.Labels["job"] == job && t.Labels["instance"] == target) == 1, $"{job} target {target} is not in exactly one shard:\n{where}"));
        }

        Assert.All(hosts, host => Assert.True(active.Where(t => t.Labels["host"] == host).Select(t => t.Number).Distinct().Count() == 1, $"{host} is split across shards:\n{where}"));
        Assert.All(found, shard => Assert.True(active.Any(t => t.Number == shard.Number), $"shard {shard.Number} got no server:\n{where}"));
    }

    /// <summary>The targets of each job of the fleet: every host's sidecar, every host probed at 22, some also at 2222, one by name alone.</summary>
    private static Dictionary<string, List<string>> Fleet(string[] hosts)
    {
        static string At(string host, int port) => new TargetAddress(host, port).ToString();
        return new()
        {
            ["ssh-probe"] = [hosts[0], .. hosts.Skip(1).Select(host => At(host, 22)), .. hosts.Where((_, n) => n % 3 == 0).Select(host => At(host, 2222))],
            ["ssh-sidecar"] = [.. hosts.Select(host => At(host, 9722))],
        };
    }

    /// <summary>
    /// One shard config, checked to be shard N of <paramref name="shards"/>, run by Prometheus in a directory of
    /// its own with <paramref name="fleet"/> as its jobs' file_sd files: its number and every target it lists.
    /// </summary>
    private static async Task<(int Number, IReadOnlyList<ScrapeTarget> Targets)> DiscoverShardAsync(
        TempDirectory directory, string shardFile, int shards, Dictionary<string, List<string>> fleet)
    {
        var config = YamlFile.Load(shardFile);
        string number = config.Mapping("global").Mapping("external_labels").Text("shard")!;
        var jobs = config.Mappings("scrape_configs").ToList();
        Assert.All(jobs, job => Assert.Equal((shards.ToString(CultureInfo.InvariantCulture), number), ShardRules(RelabelRules(job))));

        string shardDirectory = directory.PathOf($"shard-{number}/");
        foreach (var job in jobs)
        {
            // Each job reads the fleet's targets where its own file_sd glob looks.
            string glob = ((YamlScalarNode)job.Mappings("file_sd_configs").Single().Sequence("files").Children.Single()).Value!;
            directory.Write($"shard-{number}/{Path.GetDirectoryName(glob)}/fleet.yml", YamlFile.Save(TargetGroup(fleet[job.Text("job_name")!])));
        }

        return (int.Parse(number, CultureInfo.InvariantCulture), await DiscoverAsync(shardDirectory, config, fleet.Values.Sum(list => list.Count)));
    }

    /// <summary>
    /// Runs Prometheus in <paramref name="directory"/> on the scrape jobs of <paramref name="config"/>, each scrape
    /// sent to a closed loopback port, until it lists <paramref name="expected"/> targets, active and dropped:
    /// what relabelling made of each.
    /// </summary>
    private static async Task<IReadOnlyList<ScrapeTarget>> DiscoverAsync(string directory, YamlMappingNode config, int expected)
    {
        string nowhere = $"127.0.0.1:{ClosedPort.Find()}";
        var jobs = config.Mappings("scrape_configs").ToList();
        jobs.ForEach(job => ExamplePrometheusConfig.ScrapeAt(job, nowhere));
        await using var prometheus = await LoopbackPrometheus.StartAsync(directory, ExamplePrometheusConfig.Build(jobs, Interval, Interval), Token);

        // Prometheus applies what discovery found every few seconds, the active and the dropped targets of a job together.
        (IReadOnlyList<ScrapeTarget>? Targets, HttpAnswer Answer) last = default;
        bool All() => last.Targets is { } targets && targets.Count == expected;
        await Poll.UntilAsync(async () => { last = await prometheus.Api.TryTargetsAsync(Token); return All(); }, Limit, Token);
        Assert.True(All(), $"Prometheus listed {last.Targets?.Count.ToString(CultureInfo.InvariantCulture) ?? "no"} targets, expected {expected}: {last.Answer}\n{prometheus.Output}");
        return last.Targets!;
    }

    /// <summary>The targets <paramref name="job"/>'s file_sd files list under <paramref name="root"/>, each with the labels its group gives it.</summary>
    private static List<(string Address, IReadOnlyDictionary<string, string> Labels)> ListedTargets(YamlMappingNode job, string root) =>
    [
        .. job.Mappings("file_sd_configs")
            .SelectMany(sd => sd.Sequence("files").Children.Select(glob => ((YamlScalarNode)glob).Value!))
            .SelectMany(glob => Directory.GetFiles(Path.Combine(root, Path.GetDirectoryName(glob)!), Path.GetFileName(glob)))
            .SelectMany(file => ((YamlSequenceNode)YamlFile.LoadNode(file)).Children.Cast<YamlMappingNode>())
            .SelectMany(group => group.Sequence("targets").Children.Select(target => (
                ((YamlScalarNode)target).Value!,
                (IReadOnlyDictionary<string, string>)(group.Children.ContainsKey("labels")
                    ? group.Mapping("labels").Children.ToDictionary(l => ((YamlScalarNode)l.Key).Value!, l => ((YamlScalarNode)l.Value).Value!)
                    : [])))),
    ];

    private static YamlSequenceNode TargetGroup(IEnumerable<string> targets)
    {
        var group = new YamlMappingNode();
        group.Set("targets", YamlFile.ListOf(targets));
        return new YamlSequenceNode(group);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The shell of docs/scaling.md that writes one config per shard from fleet-sharded.yml.</summary>
    private static string ShardScript()
    {
        string doc = File.ReadAllText(RepositoryRoot.Combine(ScalingDoc));
        var scripts = ShellBlock().Matches(doc).Select(m => m.Groups["script"].Value).Where(s => s.Contains(ShardedExample, StringComparison.Ordinal) && s.Contains("prometheus-shard-", StringComparison.Ordinal)).ToList();
        Assert.True(scripts.Count == 1, $"{ScalingDoc} should have one sh block that writes prometheus-shard-N.yml from {ShardedExample}; it has {scripts.Count}");
        return scripts[0];
    }

    [GeneratedRegex(@"^```sh\n(?<script>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    private static List<YamlMappingNode> RelabelRules(YamlMappingNode job) =>
        job.Children.ContainsKey("relabel_configs") ? [.. job.Mappings("relabel_configs")] : [];

    /// <summary>
    /// The modulus and number of the <see cref="ShardRuleCount"/> rules a shard ends a job with, hashmod of
    /// <c>host</c> into <c>__tmp_shard</c> and keep of one number; null when the job does not end so.
    /// </summary>
    private static (string Modulus, string Number)? ShardRules(List<YamlMappingNode> rules)
    {
        if (rules.Count < ShardRuleCount || rules[^2].Text("action") != "hashmod")
        {
            return null;
        }

        var (hash, keep) = (rules[^2], rules[^1]);
        Assert.Equal("[host]", Canonical(hash.Children["source_labels"]));
        Assert.Equal("__tmp_shard", hash.Text("target_label"));
        Assert.Equal("[__tmp_shard]", Canonical(keep.Children["source_labels"]));
        Assert.Equal("keep", keep.Text("action"));
        return (hash.Text("modulus")!, keep.Text("regex")!);
    }

    /// <summary>The rules as plain text without comments or quoting, the exporter's address left out.</summary>
    private static string Canonical(IEnumerable<YamlMappingNode> rules, YamlMappingNode? exporterRule) =>
        string.Join("\n", rules.Select(rule => rule == exporterRule ? Canonical(rule, except: "replacement") : Canonical(rule)));

    private static string Canonical(YamlMappingNode node, string key) => node.Children.TryGetValue(key, out var value) ? Canonical(value) : "";

    private static string Canonical(YamlNode node, string? except = null) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode sequence => $"[{string.Join(", ", sequence.Children.Select(child => Canonical(child)))}]",
        YamlMappingNode mapping => $"{{{string.Join(", ", mapping.Children.Where(p => Canonical(p.Key) != except).Select(p => $"{Canonical(p.Key)}: {Canonical(p.Value)}"))}}}",
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };
}
