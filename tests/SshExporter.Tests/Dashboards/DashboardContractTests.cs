using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.EndToEnd;
using YamlDotNet.RepresentationModel;

namespace SshExporter.Tests.Dashboards;

/// <summary>
/// The dashboards keep the project's contract: they read only metrics the exporter serves and series the rules
/// record, name only outcomes it reports, link only to sections the runbook has, and hold to the conventions that
/// make them load anywhere (fixed uids, the datasource variable, the job and host variables in every query, a
/// title, description and unit on every panel).
/// </summary>
[NeedsNode]
[NeedsSshd]
public partial class DashboardContractTests
{
    private const string DatasourceUid = "${datasource}";

    /// <summary>A name that looks like one of ours, but not sshd_config (a file) nor ssh_host_*_key (key files).</summary>
    [GeneratedRegex(@"\b(?!sshd_config\b|ssh_host_[a-z0-9]+_key\b)sshd?_[a-z_]*[a-z]\b")]
    private static partial Regex MetricLikeName();

    /// <summary>A recording rule's name, level:metric:operations, which Prometheus makes rather than the exporter.</summary>
    [GeneratedRegex(@"\b[a-z_]+:[a-z_:]+:[a-z_]+\b")]
    private static partial Regex RecordedName();

    /// <summary>The outcome codes of the state panels: <c>label_replace(vector(3), "outcome", "refused", "", "")</c>.</summary>
    [GeneratedRegex(@"label_replace\(vector\(\d+\), ""outcome"", ""(?<outcome>[a-z_0-9]+)""")]
    private static partial Regex OutcomeCode();

    /// <summary>An alert's runbook anchor in a query: <c>, "runbook", "sshconfiginvalid", "alertname", "SshConfigInvalid")</c>.</summary>
    [GeneratedRegex(@"""runbook"", ""(?<anchor>[^""]*)"", ""(?<source>[a-z]+)"", ""(?<value>[^""]*)""\)")]
    private static partial Regex RunbookLabel();

    [GeneratedRegex(@"\$(?:\{)?(?<name>[a-zA-Z_][a-zA-Z0-9_]*)")]
    private static partial Regex VariableUse();

    public static TheoryData<string> All => DashboardFiles.All;

    [Theory]
    [MemberData(nameof(All))]
    public async Task Every_metric_a_dashboard_uses_is_served(string name)
    {
        var used = MetricLikeName().Matches(RecordedName().Replace(DashboardFiles.Text(name), "")).Select(m => m.Value).ToHashSet();
        var served = await ServedAsync();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(metric => !served.Families.Contains(metric)).Order());
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Every_recorded_series_a_dashboard_uses_is_recorded_by_the_rules(string name)
    {
        var recorded = YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.RuleFile)).Mappings("groups")
            .SelectMany(group => group.Mappings("rules"))
            .Select(rule => rule.Text("record"))
            .OfType<string>()
            .ToHashSet();
        var used = DashboardFiles.Queries(DashboardFiles.Load(name)).SelectMany(query => RecordedName().Matches(query.Expr).Select(m => m.Value)).ToHashSet();

        Assert.Empty(used.Where(series => !recorded.Contains(series)).Order());
    }

    /// <summary>The outcomes the state panels give a code and a colour are exactly those the exporter reports.</summary>
    [Theory]
    [MemberData(nameof(All))]
    public async Task The_outcomes_a_dashboard_names_are_those_the_exporter_reports(string name)
    {
        var named = DashboardFiles.Queries(DashboardFiles.Load(name)).SelectMany(query => OutcomeCode().Matches(query.Expr)).Select(m => m.Groups["outcome"].Value).ToHashSet();
        var served = await ServedAsync();

        Assert.NotEmpty(named);
        Assert.Equal(served.Outcomes.Order(), named.Order());
    }

    /// <summary>
    /// Every link into the runbook lands on one of its headings: the fixed links of the check panels, and each
    /// anchor the queries give the table's runbook column, which is the name in lower case of an alert the rules
    /// define (or the triage section).
    /// </summary>
    [Theory]
    [MemberData(nameof(All))]
    public async Task Every_runbook_link_lands_on_a_section_of_the_runbook(string name)
    {
        var anchors = await MarkdownAnchors.SetAsync("docs/runbook.md");
        var dashboard = DashboardFiles.Load(name);
        string prefix = $"{RunbookLinks.DefaultBaseUrl}#";
        var links = DashboardFiles.Strings(dashboard).Where(text => text.StartsWith(prefix, StringComparison.Ordinal)).Select(url => url[prefix.Length..]).ToList();
        var labelled = DashboardFiles.Queries(dashboard).SelectMany(query => RunbookLabel().Matches(query.Expr)).ToList();
        var fixedAnchors = links.Where(anchor => anchor != "${__value.raw}").ToList();

        var broken = fixedAnchors.Concat(labelled.Select(m => m.Groups["anchor"].Value)).Where(anchor => !anchors.Contains(anchor)).Distinct().ToList();

        Assert.NotEmpty(links);
        Assert.True(broken.Count == 0, $"anchors docs/runbook.md does not have: {string.Join(", ", broken)}\nits anchors: {string.Join(", ", anchors.Order())}");
        if (links.Contains("${__value.raw}"))
        {
            // The templated link reads the runbook label, whose anchors are every alert's, from its name.
            var alertLabels = labelled.Where(m => m.Groups["source"].Value == "alertname").ToList();
            Assert.All(alertLabels, m => Assert.Equal(m.Groups["value"].Value.ToLowerInvariant(), m.Groups["anchor"].Value));
            Assert.Equal(ShippedAlerts.All.Select(alert => alert.Name).Order(), alertLabels.Select(m => m.Groups["value"].Value).Distinct().Order());
        }
    }

    [Fact]
    public void Uids_and_titles_are_unique_and_fixed()
    {
        var dashboards = DashboardFiles.Names.Select(DashboardFiles.Load).ToList();
        var uids = dashboards.Select(d => DashboardFiles.Str(d, "uid")).ToList();
        var titles = dashboards.Select(d => DashboardFiles.Str(d, "title")).ToList();

        Assert.All(uids, uid => Assert.Matches("^[a-z0-9-]{8,40}$", uid));
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.All(titles, title => Assert.False(string.IsNullOrWhiteSpace(title)));
        Assert.Equal(titles.Count, titles.Distinct().Count());
        foreach (var dashboard in dashboards)
        {
            var panelTitles = DashboardFiles.Panels(dashboard).Select(panel => DashboardFiles.Str(panel, "title")).ToList();
            Assert.Equal(panelTitles.Count, panelTitles.Distinct().Count());
            var ids = DashboardFiles.Panels(dashboard).Select(panel => panel["id"]?.GetValue<int>()).ToList();
            Assert.All(ids, id => Assert.NotNull(id));
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Every_panel_has_a_title_a_description_and_a_unit(string name)
    {
        var problems = new List<string>();
        foreach (var panel in DashboardFiles.Panels(DashboardFiles.Load(name)))
        {
            string title = DashboardFiles.Str(panel, "title");
            if (title.Length == 0)
            {
                problems.Add($"a {DashboardFiles.Str(panel, "type")} panel has no title");
            }

            if (DashboardFiles.Str(panel, "type") == "row")
            {
                continue; // a row only groups panels: it has a title, and no data to describe
            }

            if (DashboardFiles.Str(panel, "description").Length == 0)
            {
                problems.Add($"panel '{title}' has no description");
            }

            if (DashboardFiles.Str(panel["fieldConfig"]?["defaults"], "unit").Length == 0)
            {
                problems.Add($"panel '{title}' has no unit");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// One datasource variable of type datasource, and every panel, query and variable reads from it; no
    /// <c>__inputs</c> or <c>${DS_...}</c>, which file provisioning does not resolve.
    /// </summary>
    [Theory]
    [MemberData(nameof(All))]
    public void Every_panel_query_and_variable_uses_the_datasource_variable(string name)
    {
        var dashboard = DashboardFiles.Load(name);
        var problems = new List<string>();
        var datasource = DashboardFiles.Variables(dashboard).Where(v => DashboardFiles.Str(v, "type") == "datasource").ToList();
        if (datasource.Count != 1 || DashboardFiles.Str(datasource[0], "name") != "datasource" || DashboardFiles.Str(datasource[0], "query") != "prometheus")
        {
            problems.Add("expected one variable 'datasource' of type datasource for prometheus");
        }

        foreach (var panel in DashboardFiles.DataPanels(dashboard))
        {
            string title = DashboardFiles.Str(panel, "title");
            problems.AddRange(DatasourceProblems($"panel '{title}'", panel));
            var targets = panel["targets"]?.AsArray().Select(t => t!.AsObject()).ToList() ?? [];
            if (targets.Count == 0)
            {
                problems.Add($"panel '{title}' has no query");
            }

            foreach (var target in targets)
            {
                problems.AddRange(DatasourceProblems($"panel '{title}' query {DashboardFiles.Str(target, "refId")}", target));
                if (DashboardFiles.Str(target, "expr").Length == 0)
                {
                    problems.Add($"panel '{title}' query {DashboardFiles.Str(target, "refId")} has no expr");
                }
            }
        }

        foreach (var variable in DashboardFiles.Variables(dashboard).Where(v => DashboardFiles.Str(v, "type") == "query"))
        {
            problems.AddRange(DatasourceProblems($"variable {DashboardFiles.Str(variable, "name")}", variable));
        }

        string text = DashboardFiles.Text(name);
        Assert.DoesNotContain("__inputs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("${DS_", text, StringComparison.Ordinal);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// The job and host variables come from label_values, the host's within the selected jobs, and every panel
    /// query uses both, so the dashboard shows the jobs and hosts selected and nothing else.
    /// </summary>
    [Theory]
    [MemberData(nameof(All))]
    public void Every_query_uses_the_job_and_host_variables(string name)
    {
        var dashboard = DashboardFiles.Load(name);
        var variables = DashboardFiles.Variables(dashboard).ToDictionary(v => DashboardFiles.Str(v, "name"), v => v);

        Assert.Equal(["datasource", "host", "job"], variables.Keys.Order());
        Assert.Equal("query", DashboardFiles.Str(variables["job"], "type"));
        Assert.Equal("query", DashboardFiles.Str(variables["host"], "type"));
        Assert.StartsWith("label_values(", DashboardFiles.Str(variables["job"], "query"), StringComparison.Ordinal);
        Assert.StartsWith("label_values(", DashboardFiles.Str(variables["host"], "query"), StringComparison.Ordinal);
        Assert.EndsWith(", job)", DashboardFiles.Str(variables["job"], "query"), StringComparison.Ordinal);
        Assert.EndsWith(", host)", DashboardFiles.Str(variables["host"], "query"), StringComparison.Ordinal);
        Assert.Contains("job=~\"$job\"", DashboardFiles.Str(variables["host"], "query"), StringComparison.Ordinal);
        var panelQueries = DashboardFiles.Queries(dashboard).Where(query => query.Where.StartsWith("panel", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(panelQueries);
        var missing = panelQueries
            .Select(query => (query.Where, Used: VariableUse().Matches(query.Expr).Select(m => m.Groups["name"].Value).ToHashSet()))
            .Where(query => !query.Used.Contains("job") || !query.Used.Contains("host"))
            .Select(query => $"{query.Where} uses {string.Join(", ", query.Used.Order())}")
            .ToList();
        Assert.True(missing.Count == 0, $"queries without both $job and $host:\n{string.Join('\n', missing)}");
    }

    /// <summary>
    /// A link to the sidecar's /sidecar page is built from the <c>instance</c> label of the series it is on (the
    /// address Prometheus scrapes the sidecar at), so each query of such a panel keeps that label.
    /// </summary>
    [Theory]
    [MemberData(nameof(All))]
    public void The_sidecar_page_links_read_the_instance_label_their_queries_keep(string name)
    {
        foreach (var panel in DashboardFiles.DataPanels(DashboardFiles.Load(name)))
        {
            var sidecarLinks = DashboardFiles.Strings(panel["fieldConfig"]).Where(text => text.EndsWith("/sidecar", StringComparison.Ordinal)).ToList();
            if (sidecarLinks.Count == 0)
            {
                continue;
            }

            Assert.All(sidecarLinks, url => Assert.Equal("http://${__field.labels.instance}/sidecar", url));
            Assert.All(panel["targets"]!.AsArray(), target => Assert.Matches(@"^\w+ by \(instance\b", DashboardFiles.Str(target, "expr")));
        }
    }

    /// <summary>dashboards/provisioning.yml is a Grafana dashboard provider that loads the dashboards from files.</summary>
    [Fact]
    public void The_provisioning_file_loads_the_dashboards_from_files()
    {
        var root = YamlFile.Load(RepositoryRoot.Combine("dashboards/provisioning.yml"));
        var providers = root.Mappings("providers").ToList();

        Assert.Equal("1", root.Text("apiVersion"));
        var provider = Assert.Single(providers);
        Assert.Equal("file", provider.Text("type"));
        Assert.False(string.IsNullOrEmpty(provider.Text("name")));
        Assert.StartsWith("/", provider.Mapping("options").Text("path"), StringComparison.Ordinal);
        Assert.Equal("false", provider.Text("allowUiUpdates"));
        Assert.IsType<YamlScalarNode>(provider.Children["updateIntervalSeconds"]);
    }

    private static IEnumerable<string> DatasourceProblems(string where, JsonObject node)
    {
        var datasource = node["datasource"];
        if (DashboardFiles.Str(datasource, "uid") != DatasourceUid || DashboardFiles.Str(datasource, "type") != "prometheus")
        {
            yield return $"{where}: datasource is {datasource?.ToJsonString() ?? "missing"}, expected the prometheus {DatasourceUid}";
        }
    }

    private static Task<(HashSet<string> Families, HashSet<string> Outcomes)> ServedAsync() =>
        ServedMetrics.ReadAsync(TestContext.Current.CancellationToken);
}
