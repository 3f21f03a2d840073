using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// Reads a shipped YAML file as a node tree, so a test can change a few values (targets, URLs, durations) and
/// write the rest back as it was: expressions, labels, relabelling and routes stay the shipped ones.
/// </summary>
public static class YamlFile
{
    public static YamlMappingNode Load(string path) => (YamlMappingNode)LoadNode(path);

    /// <summary>The file's root node, whatever it is (a file_sd file is a sequence).</summary>
    public static YamlNode LoadNode(string path)
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(path);
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    public static string Save(YamlNode root)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    public static YamlMappingNode Mapping(this YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[key];

    public static YamlSequenceNode Sequence(this YamlNode node, string key) => (YamlSequenceNode)((YamlMappingNode)node).Children[key];

    public static IEnumerable<YamlMappingNode> Mappings(this YamlNode node, string key) => node.Sequence(key).Children.Cast<YamlMappingNode>();

    /// <summary>The scalar at <paramref name="key"/>, or null when the mapping has none.</summary>
    public static string? Text(this YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    public static void Set(this YamlMappingNode node, string key, string value) => node.Children[key] = new YamlScalarNode(value);

    public static void Set(this YamlMappingNode node, string key, YamlNode value) => node.Children[key] = value;

    public static YamlSequenceNode ListOf(IEnumerable<string> items) => new(items.Select(item => new YamlScalarNode(item)));
}
