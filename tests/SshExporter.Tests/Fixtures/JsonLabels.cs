using System.Text.Json;

namespace SshExporter.Tests.Fixtures;

/// <summary>Label sets as Prometheus's and Alertmanager's JSON carry them (an object of strings), and as PromQL writes them.</summary>
public static class JsonLabels
{
    public static IReadOnlyDictionary<string, string> Read(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);

    /// <summary><c>{a="1", b="2"}</c>, sorted by name.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> labels) =>
        $"{{{string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}}";
}
