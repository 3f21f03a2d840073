using System.Text.Json;
using System.Text.Json.Nodes;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Dashboards;

/// <summary>
/// Each dashboard is a Dashboard as Grafana publishes the type (@grafana/schema), checked by TypeScript: the JSON
/// text becomes the body of <c>export const dash: DashboardJson = ...;</c> (dashboards/src/schema.ts) and
/// <c>tsc --strict --noEmit</c> must accept it. An object literal is checked for unknown keys and every value for
/// its type; importing the .json file would not be (its strings widen, its unknown keys pass).
/// </summary>
[NeedsNode]
public class DashboardSchemaTests
{
    [Theory]
    [MemberData(nameof(DashboardFiles.All), MemberType = typeof(DashboardFiles))]
    public async Task Each_dashboard_type_checks_as_a_Grafana_Dashboard(string name)
    {
        using var directory = new TempDirectory();
        string file = WriteCheck(directory, name, DashboardFiles.Text(name));

        var check = await TscAsync(file);

        Assert.True(check.ExitCode == 0, $"dashboards/{name} is not a Grafana Dashboard: {check}");
    }

    /// <summary>The check above can fail: a broken copy of a dashboard fails it, one file per kind of mistake.</summary>
    [Fact]
    public async Task The_check_rejects_a_wrong_value_type_an_unknown_key_an_unknown_variable_type_and_an_unknown_enum_value()
    {
        using var directory = new TempDirectory();
        string name = DashboardFiles.Names[0];
        var broken = new Dictionary<string, Action<JsonObject>>
        {
            ["wrong-type"] = dashboard => FirstDataPanel(dashboard)["gridPos"]!["w"] = "24",
            ["unknown-panel-key"] = dashboard => Rename(FirstDataPanel(dashboard), "title", "titel"),
            ["unknown-variable-type"] = dashboard => DashboardFiles.Variables(dashboard).First()["type"] = "datasourc",
            ["unknown-enum-value"] = dashboard => Thresholds(dashboard)["mode"] = "absolut",
        };
        var files = broken.Select(pair =>
        {
            var dashboard = DashboardFiles.Load(name);
            pair.Value(dashboard);
            return WriteCheck(directory, pair.Key, dashboard.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }).ToList();

        var check = await TscAsync([.. files]);

        Assert.NotEqual(0, check.ExitCode);
        foreach (string kind in broken.Keys)
        {
            Assert.True(check.Stdout.Contains($"{kind}.ts(", StringComparison.Ordinal), $"tsc found nothing wrong with the {kind} copy: {check}");
        }
    }

    /// <summary>A TypeScript file whose body is the dashboard's JSON text, typed as Grafana's Dashboard.</summary>
    private static string WriteCheck(TempDirectory directory, string name, string json)
    {
        string schema = JsonSerializer.Serialize(RepositoryRoot.Combine("dashboards/src/schema"));
        return directory.Write(
            $"{Path.GetFileNameWithoutExtension(name)}.ts",
            $"import type {{ DashboardJson }} from {schema};\nexport const dash: DashboardJson = {json.TrimEnd()};\n");
    }

    private static Task<ExternalCommand.Result> TscAsync(params string[] files) =>
        DashboardFiles.TscAsync(["--strict", "--noEmit", "--module", "nodenext", "--moduleResolution", "nodenext", .. files]);

    private static JsonObject FirstDataPanel(JsonObject dashboard) => DashboardFiles.DataPanels(dashboard).First();

    private static JsonObject Thresholds(JsonObject dashboard) =>
        DashboardFiles.DataPanels(dashboard).Select(panel => panel["fieldConfig"]?["defaults"]?["thresholds"]).OfType<JsonObject>().First();

    private static void Rename(JsonObject obj, string key, string newKey)
    {
        var value = obj[key];
        obj.Remove(key);
        obj[newKey] = value;
    }
}
