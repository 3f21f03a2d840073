using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// prometheus.yml for the test, made of the shipped examples: the /probe job of examples/prometheus/probe.yml
/// and the sidecar job of examples/prometheus/sidecar.yml, their relabelling verbatim. Only the targets, the
/// central exporter's address, the intervals, the rules file and the Alertmanager are the test's own.
/// </summary>
public static class PrometheusConfig
{
    public static string Build(
        string rulesFile, string alertmanager, string centralExporter, IEnumerable<string> probeTargets, IEnumerable<string> sidecarTargets)
    {
        var root = YamlFile.Load(RepositoryRoot.Combine("examples/prometheus/probe.yml"));
        var global = root.Mapping("global");
        global.Set("scrape_interval", AlertingTiming.Format(AlertingTiming.ScrapeInterval));
        global.Set("scrape_timeout", AlertingTiming.Format(AlertingTiming.ScrapeTimeout));
        global.Set("evaluation_interval", AlertingTiming.Format(AlertingTiming.EvaluationInterval));
        root.Set("rule_files", YamlFile.ListOf([rulesFile]));
        StaticTargets(root.Mapping("alerting").Mappings("alertmanagers").Single(), [alertmanager]);

        var probe = root.Mappings("scrape_configs").Single();
        StaticTargets(probe, probeTargets);
        // The one rule that points the scrape at the central exporter instead of the SSH server.
        probe.Mappings("relabel_configs").Single(rule => rule.Text("target_label") == "__address__" && !rule.Children.ContainsKey("source_labels"))
            .Set("replacement", centralExporter);

        var sidecar = YamlFile.Load(RepositoryRoot.Combine("examples/prometheus/sidecar.yml")).Mappings("scrape_configs").Single();
        StaticTargets(sidecar, sidecarTargets);
        root.Set("scrape_configs", new YamlSequenceNode(probe, sidecar));
        return YamlFile.Save(root);
    }

    private static void StaticTargets(YamlMappingNode owner, IEnumerable<string> targets)
    {
        var staticConfig = new YamlMappingNode();
        staticConfig.Set("targets", YamlFile.ListOf(targets));
        owner.Set("static_configs", new YamlSequenceNode(staticConfig));
    }
}
