using SshExporter.Config;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// prometheus.yml for a test, made of the scrape jobs of the shipped examples/prometheus/*.yml with their
/// relabelling verbatim: a test changes only which targets a job scrapes, through which exporter, and how often.
/// </summary>
public static class ExamplePrometheusConfig
{
    public const string Directory = "examples/prometheus";

    /// <summary>
    /// The first scrape job of <paramref name="example"/>, scraping <paramref name="targets"/>. A /probe job (one
    /// whose relabelling sets <c>__address__</c> to the exporter) sends each scrape to <paramref name="exporter"/>;
    /// any other job scrapes its targets directly, and takes no exporter.
    /// </summary>
    public static YamlMappingNode Job(string example, IEnumerable<string> targets, string? exporter = null)
    {
        var job = FirstJob(example);
        var toExporter = ExporterRule(job);
        Assert.True(
            (toExporter is null) == (exporter is null),
            toExporter is null ? $"{example}'s job scrapes its targets directly; it takes no exporter" : $"{example}'s job probes through an exporter; name it");
        toExporter?.Set("replacement", exporter!);

        var staticConfig = new YamlMappingNode();
        staticConfig.Set("targets", YamlFile.ListOf(targets));
        job.Set("static_configs", new YamlSequenceNode(staticConfig));
        return job;
    }

    /// <summary>Every scrape job of <paramref name="example"/>, as written there, in file order.</summary>
    public static IReadOnlyList<YamlMappingNode> Jobs(string example) => [.. Load(example).Mappings("scrape_configs")];

    /// <summary>
    /// The relabel rule of a /probe job that sends each scrape to the exporter (it sets <c>__address__</c> to a
    /// fixed address), or null for a job that scrapes its targets directly.
    /// </summary>
    public static YamlMappingNode? ExporterRule(YamlMappingNode job) =>
        job.Children.ContainsKey("relabel_configs")
            ? job.Mappings("relabel_configs").SingleOrDefault(rule => rule.Text("target_label") == "__address__" && !rule.Children.ContainsKey("source_labels"))
            : null;

    /// <summary>
    /// Sends every scrape of <paramref name="job"/> to <paramref name="address"/>, its targets and their discovery
    /// unchanged: a /probe job's exporter becomes that address; a job that scrapes its targets directly gets two
    /// rules after its own, so that <c>instance</c> stays the target's address (as Prometheus would set it) while
    /// the scrape goes to the stand-in, and a test never dials the hosts an example names.
    /// </summary>
    public static void ScrapeAt(YamlMappingNode job, string address)
    {
        if (ExporterRule(job) is { } toExporter)
        {
            toExporter.Set("replacement", address);
            return;
        }

        var keepInstance = new YamlMappingNode();
        keepInstance.Set("source_labels", YamlFile.ListOf(["__address__"]));
        keepInstance.Set("target_label", "instance");
        var toStandIn = new YamlMappingNode();
        toStandIn.Set("target_label", "__address__");
        toStandIn.Set("replacement", address);
        job.Sequence("relabel_configs").Children.Add(keepInstance);
        job.Sequence("relabel_configs").Children.Add(toStandIn);
    }

    /// <summary>The <c>job_name</c> of <paramref name="example"/>'s first job, as its series carry it.</summary>
    public static string JobName(string example) => FirstJob(example).Text("job_name")!;

    /// <summary>The whole prometheus.yml: <paramref name="jobs"/> at the given intervals, with rules and an Alertmanager when given.</summary>
    public static string Build(
        IEnumerable<YamlMappingNode> jobs, TimeSpan scrapeInterval, TimeSpan scrapeTimeout, TimeSpan? evaluationInterval = null,
        string? rulesFile = null, string? alertmanager = null)
    {
        var root = new YamlMappingNode();
        var global = new YamlMappingNode();
        global.Set("scrape_interval", PrometheusDuration.Format(scrapeInterval));
        global.Set("scrape_timeout", PrometheusDuration.Format(scrapeTimeout));
        if (evaluationInterval is { } evaluation)
        {
            global.Set("evaluation_interval", PrometheusDuration.Format(evaluation));
        }

        root.Set("global", global);
        if (rulesFile is not null)
        {
            root.Set("rule_files", YamlFile.ListOf([rulesFile]));
        }

        if (alertmanager is not null)
        {
            var staticConfig = new YamlMappingNode();
            staticConfig.Set("targets", YamlFile.ListOf([alertmanager]));
            var alertmanagerConfig = new YamlMappingNode();
            alertmanagerConfig.Set("static_configs", new YamlSequenceNode(staticConfig));
            var alerting = new YamlMappingNode();
            alerting.Set("alertmanagers", new YamlSequenceNode(alertmanagerConfig));
            root.Set("alerting", alerting);
        }

        root.Set("scrape_configs", new YamlSequenceNode(jobs));
        return YamlFile.Save(root);
    }

    /// <summary><paramref name="example"/> (a file name in <see cref="Directory"/>) as a node tree.</summary>
    public static YamlMappingNode Load(string example) => YamlFile.Load(RepositoryRoot.Combine($"{Directory}/{example}"));

    private static YamlMappingNode FirstJob(string example) => Jobs(example)[0];
}
