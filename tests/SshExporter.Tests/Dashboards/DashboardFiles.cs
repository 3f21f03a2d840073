using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Dashboards;

/// <summary>One query of a dashboard: a panel's <c>expr</c>, or the series selector of a variable's label_values.</summary>
public sealed record DashboardQuery(string Where, string Expr);

/// <summary>
/// The committed Grafana dashboards (dashboards/*.json), read as JSON, and the Node.js tools of the repository's
/// npm dev dependencies that generate and check them. A test that needs node or node_modules skips, saying which.
/// </summary>
public static partial class DashboardFiles
{
    public const string Directory = "dashboards";

    /// <summary>The file names of the committed dashboards, such as ssh-fleet.json.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. System.IO.Directory.GetFiles(RepositoryRoot.Combine(Directory), "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> All => [.. Names];

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\)$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();

    public static string PathOf(string name) => RepositoryRoot.Combine($"{Directory}/{name}");

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static JsonObject Load(string name) => JsonNode.Parse(Text(name))!.AsObject();

    /// <summary>Every panel, rows included, and the panels inside rows.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().Select(panel => panel!.AsObject())
            .SelectMany(panel => panel["panels"] is JsonArray inner ? [panel, .. inner.Select(p => p!.AsObject())] : new[] { panel });

    /// <summary>The panels that show data, without the rows that only group them.</summary>
    public static IEnumerable<JsonObject> DataPanels(JsonObject dashboard) => Panels(dashboard).Where(panel => Str(panel, "type") != "row");

    public static IEnumerable<JsonObject> Variables(JsonObject dashboard) =>
        dashboard["templating"]?["list"]?.AsArray().Select(variable => variable!.AsObject()) ?? [];

    /// <summary>Every query: each panel target's expr, and the series selector of each label_values variable.</summary>
    public static IEnumerable<DashboardQuery> Queries(JsonObject dashboard)
    {
        foreach (var panel in DataPanels(dashboard))
        {
            foreach (var target in panel["targets"]?.AsArray().Select(t => t!.AsObject()) ?? [])
            {
                yield return new DashboardQuery($"panel '{Str(panel, "title")}' query {Str(target, "refId")}", Str(target, "expr"));
            }
        }

        foreach (var variable in Variables(dashboard).Where(v => Str(v, "type") == "query"))
        {
            var match = LabelValues().Match(Str(variable, "query"));
            Assert.True(match.Success, $"variable {Str(variable, "name")}: query '{Str(variable, "query")}' is not label_values(SELECTOR, LABEL)");
            yield return new DashboardQuery($"variable {Str(variable, "name")}", match.Groups["selector"].Value);
        }
    }

    /// <summary>
    /// <paramref name="expr"/> as Grafana sends it to Prometheus: <c>$job</c> and <c>$host</c> replaced by the
    /// values given (a regex such as ".*" where the variable allows All), Grafana's interval variables by
    /// <paramref name="interval"/>. Fails the test if a variable is left.
    /// </summary>
    public static string Interpolate(string expr, string job, string host, string interval = "2m")
    {
        string result = expr;
        foreach (var (variable, value) in new[]
        {
            ("$__rate_interval", interval), ("$__interval", interval), ("$__range", interval), ("$job", job), ("$host", host),
        })
        {
            result = result.Replace(variable, value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("$", result, StringComparison.Ordinal);
        return result;
    }

    /// <summary>The string at <paramref name="key"/>, or "" when there is none.</summary>
    public static string Str(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    /// <summary>Every string anywhere in the dashboard: titles, descriptions, queries, links.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => Strings(pair.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    /// <summary>Runs the generator (dashboards/src/generate.ts, with tsx) to write the dashboards into <paramref name="output"/>.</summary>
    public static Task<ExternalCommand.Result> GenerateAsync(string output) =>
        NodeScript.RunAsync(["tsx", "@grafana/grafana-foundation-sdk"], "node_modules/tsx/dist/cli.mjs", RepositoryRoot.Combine("dashboards/src/generate.ts"), output);

    /// <summary>Runs TypeScript's compiler, tsc, with <paramref name="arguments"/>; Grafana's types come from @grafana/schema.</summary>
    public static Task<ExternalCommand.Result> TscAsync(params string[] arguments) =>
        NodeScript.RunAsync(["typescript", "@grafana/schema", "@grafana/grafana-foundation-sdk"], "node_modules/typescript/bin/tsc", arguments);
}
