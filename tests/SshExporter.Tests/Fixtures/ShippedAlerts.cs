using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Fixtures;

/// <summary>One alerting rule of the shipped rule file, as written there.</summary>
public sealed record ShippedAlert(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    public string Severity => Labels.GetValueOrDefault("severity", "");
}

/// <summary>
/// The alerting files the project ships, by their paths from the repository root, and the alerting rules of
/// alerts/ssh-exporter.rules.yml, for tests of what must agree with them.
/// </summary>
public static class ShippedAlerts
{
    public const string RuleFile = "alerts/ssh-exporter.rules.yml";

    /// <summary>The promtool unit tests of the rules, <c>*.test.yml</c>.</summary>
    public const string RuleTestDirectory = "alerts/tests";

    public const string AlertmanagerExample = "alerts/alertmanager.example.yml";

    public static IReadOnlyList<ShippedAlert> All { get; } = Load();

    /// <summary>Every rule of every group of a rule file, recording and alerting, in file order.</summary>
    public static IEnumerable<YamlMappingNode> Rules(YamlMappingNode ruleFile) => ruleFile.Mappings("groups").SelectMany(group => group.Mappings("rules"));

    private static List<ShippedAlert> Load() =>
    [
        .. Rules(YamlFile.Load(RepositoryRoot.Combine(RuleFile)))
            .Where(rule => rule.Text("alert") is not null)
            .Select(rule => new ShippedAlert(rule.Text("alert")!, Strings(rule, "labels"), Strings(rule, "annotations"))),
    ];

    private static Dictionary<string, string> Strings(YamlMappingNode rule, string key) =>
        rule.Children.TryGetValue(key, out var node)
            ? ((YamlMappingNode)node).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
            : [];
}
