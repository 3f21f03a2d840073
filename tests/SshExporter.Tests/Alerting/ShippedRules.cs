using SshExporter.Config;
using SshExporter.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Alerting;

/// <summary>The shipped alerts/ssh-exporter.rules.yml, with only its <c>for:</c> durations scaled for a test.</summary>
public static class ShippedRules
{
    public const string RelativePath = ShippedAlerts.RuleFile;

    /// <summary>
    /// Writes the rules with every <c>for:</c> divided by <paramref name="divisor"/> (2m → 8s for 15) and returns
    /// the file's path; expressions, labels and annotations are written back unchanged.
    /// </summary>
    public static string WriteScaled(TempDirectory directory, int divisor)
    {
        var root = YamlFile.Load(RepositoryRoot.Combine(RelativePath));
        foreach (var rule in Rules(root).Where(rule => rule.Text("for") is not null))
        {
            string shipped = rule.Text("for")!;
            Assert.True(PrometheusDuration.TryParse(shipped, out var duration), $"'for: {shipped}' is not a Prometheus duration");
            rule.Set("for", AlertingTiming.Format(duration / divisor));
        }

        return directory.Write("ssh-exporter.rules.yml", YamlFile.Save(root));
    }

    private static IEnumerable<YamlMappingNode> Rules(YamlMappingNode root) => root.Mappings("groups").SelectMany(group => group.Mappings("rules"));
}
