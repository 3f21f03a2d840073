using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Fixtures;

/// <summary>One alerting rule of the shipped rule file, as written there.</summary>
public sealed record ShippedAlert(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    public string Severity => Labels.GetValueOrDefault("severity", "");
}

/// <summary>The alerting rules of alerts/ssh-exporter.rules.yml, for tests of what must agree with them.</summary>
public static class ShippedAlerts
{
    public const string RuleFile = "alerts/ssh-exporter.rules.yml";

    public static IReadOnlyList<ShippedAlert> All { get; } = Load();

    private static List<ShippedAlert> Load()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepositoryRoot.Combine(RuleFile)))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return
        [
            .. ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>()
                .SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
                .Where(rule => rule.Children.ContainsKey("alert"))
                .Select(rule => new ShippedAlert(((YamlScalarNode)rule["alert"]).Value!, Strings(rule, "labels"), Strings(rule, "annotations"))),
        ];
    }

    private static Dictionary<string, string> Strings(YamlMappingNode rule, string key) =>
        rule.Children.TryGetValue(key, out var node)
            ? ((YamlMappingNode)node).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
            : [];
}
