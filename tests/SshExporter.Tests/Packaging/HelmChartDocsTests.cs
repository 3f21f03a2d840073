using SshExporter.Tests.Fixtures;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SshExporter.Tests.Packaging;

/// <summary>The chart's values are one set: what values.schema.json defines, values.yaml sets and the chart's README documents.</summary>
[NeedsTool("go")]
public partial class HelmChartDocsTests
{
    /// <summary>A row of the README's values table: its first cell's value names, in backticks.</summary>
    [GeneratedRegex(@"^\| (?<names>`[^|]+`) \|", RegexOptions.Multiline)]
    private static partial Regex ValueRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickedName();

    [Fact]
    public async Task The_schema_values_yaml_and_the_readme_name_the_same_values()
    {
        var schema = JsonNode.Parse(File.ReadAllText(HelmChart.PathOf("values.schema.json")))!.AsObject();
        var defaults = await HelmChart.ValuesAsync("");
        var inSchema = Leaves(schema, "").Order(StringComparer.Ordinal).ToList();

        var documented = Documented(File.ReadAllText(HelmChart.PathOf("README.md")), schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet());

        Assert.Equal(inSchema, documented.Order(StringComparer.Ordinal));
        Assert.All(inSchema, path => Assert.True(
            path.Split('.').Aggregate((JsonNode?)defaults, (node, key) => node?[key]) is not null,
            $"values.yaml sets no default for {path}"));
    }

    /// <summary>The dotted paths of the schema's values: an object whose keys the schema fixes is walked into, anything else is one value.</summary>
    private static IEnumerable<string> Leaves(JsonObject schema, string prefix)
    {
        foreach (var (key, property) in schema["properties"]!.AsObject())
        {
            string path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            bool closed = property!["additionalProperties"] is JsonValue value && !value.GetValue<bool>();
            foreach (string leaf in closed && property["properties"] is JsonObject ? Leaves(property.AsObject(), path) : [path])
            {
                yield return leaf;
            }
        }
    }

    /// <summary>
    /// The values the table names: the first name of a cell is a full path; a later one is too when it starts with
    /// a top-level value, else it is a sibling of the first (<c>`prober.service.type`, `.annotations`</c>).
    /// </summary>
    private static List<string> Documented(string readme, HashSet<string> topLevel)
    {
        string table = readme[readme.IndexOf("\n## Values\n", StringComparison.Ordinal)..];
        var names = new List<string>();
        foreach (Match row in ValueRow().Matches(table))
        {
            var cell = BacktickedName().Matches(row.Groups["names"].Value).Select(m => m.Groups[1].Value).ToList();
            string parent = cell[0].Contains('.', StringComparison.Ordinal) ? cell[0][..cell[0].LastIndexOf('.')] : "";
            names.Add(cell[0]);
            names.AddRange(cell.Skip(1).Select(name =>
                topLevel.Contains(name.Split('.')[0]) ? name : parent.Length == 0 ? name.TrimStart('.') : $"{parent}.{name.TrimStart('.')}"));
        }

        return names;
    }
}
