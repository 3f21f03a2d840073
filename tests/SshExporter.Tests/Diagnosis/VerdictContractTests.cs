using System.Text.RegularExpressions;
using SshExporter.Diagnosis;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Diagnosis;

/// <summary>
/// The verdict and the shipped alerting files agree: every alert a verdict names is a shipped alert with the same
/// severity, diagnosis and scope, has its runbook section, and tells the commands of that section; every shipped
/// alert is a verdict some input reaches, or is listed as none with the reason.
/// </summary>
public partial class VerdictContractTests
{
    private const string Runbook = "docs/runbook.md";

    private static readonly Dictionary<string, ShippedAlert> Shipped = ShippedAlerts.All.ToDictionary(alert => alert.Name);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static TheoryData<VerdictAlert> Alerts => [.. VerdictAlerts.All];

    [Theory]
    [MemberData(nameof(Alerts))]
    public void A_verdict_names_a_shipped_alert_with_its_severity_and_diagnosis(VerdictAlert alert)
    {
        Assert.True(Shipped.TryGetValue(alert.Name(), out var shipped), $"{alert.Name()} is not an alert of {ShippedAlerts.RuleFile}");
        Assert.Equal(shipped.Severity, alert.Severity().ToString().ToLowerInvariant());
        Assert.Equal(shipped.Labels.GetValueOrDefault("diagnosis", "none"), alert.Kind().ToString().ToLowerInvariant());
    }

    /// <summary>
    /// The inhibitions tell host-wide causes from per-port ones by the <c>port</c> label, which an alert has when its
    /// expression keeps it: the rules that never mention a port aggregate it away.
    /// </summary>
    [Theory]
    [MemberData(nameof(Alerts))]
    public void A_verdict_is_host_wide_exactly_when_its_rule_has_no_port(VerdictAlert alert)
    {
        string expr = ShippedAlerts.Rules(YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.RuleFile)))
            .Single(rule => rule.Text("alert") == alert.Name()).Text("expr")!;

        Assert.Equal(expr.Contains("port", StringComparison.Ordinal) ? AlertScope.Port : AlertScope.Host, alert.Scope());
    }

    [Fact]
    public void Every_shipped_alert_is_a_verdict_or_listed_as_deliberately_none()
    {
        var verdicts = VerdictAlerts.All.Select(alert => alert.Name()).ToHashSet();

        Assert.Empty(verdicts.Intersect(VerdictAlerts.NotVerdicts.Keys));
        Assert.Equal(Shipped.Keys.Order(), verdicts.Concat(VerdictAlerts.NotVerdicts.Keys).Order());
    }

    /// <summary>Every alert a verdict can name is named for some row of the table: none is dead code.</summary>
    [Fact]
    public void Every_verdict_is_reached_by_some_case_of_the_table()
    {
        var reached = VerdictTable.Rows.SelectMany(row => VerdictTableTests.Diagnose(row.Remote, row.Local).AlertNames)
            .Concat(ProbeDetailCases.All.Values.SelectMany(detail => detail.Expected))
            .ToHashSet();

        Assert.Empty(VerdictAlerts.All.Select(alert => alert.Name()).Except(reached));
    }

    [Fact]
    public void The_symptoms_are_those_the_shipped_inhibitions_silence_and_the_causes_those_that_silence_them()
    {
        var inhibitions = YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.AlertmanagerExample)).Mappings("inhibit_rules").ToList();

        Assert.All(inhibitions, rule =>
        {
            Assert.Contains("diagnosis=\"cause\"", rule.Sequence("source_matchers").Children.Select(node => node.ToString()));
            Assert.Equal(["diagnosis=\"symptom\""], rule.Sequence("target_matchers").Children.Select(node => node.ToString()));
        });
        Assert.Equal(2, inhibitions.Count);
    }

    [NeedsNode]
    [Fact]
    public async Task Every_verdict_links_a_section_the_runbook_has()
    {
        var anchors = await MarkdownAnchors.SetAsync(Runbook);

        Assert.All(VerdictAlerts.All, alert => Assert.Contains(RunbookLinks.AnchorFor(alert.Name()), anchors));
    }

    /// <summary>
    /// Each command a verdict tells is in the alert's own section of the runbook, as written there (line breaks of the
    /// prose aside): the page, the command and the runbook never give two different fixes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Alerts))]
    public void Each_command_of_a_verdict_is_in_its_runbook_section(VerdictAlert alert)
    {
        string section = Whitespace().Replace(Section(File.ReadAllText(RepositoryRoot.Combine(Runbook)), alert.Name()), " ");
        var step = RunbookSteps.For(alert);

        Assert.NotEmpty(step.Confirm);
        Assert.All(step.Confirm.Concat(step.Fix), command => Assert.Contains(command, section, StringComparison.Ordinal));
    }

    /// <summary>The text from the heading <c>### NAME</c> to the next heading of level 3 or above.</summary>
    private static string Section(string runbook, string name)
    {
        var lines = runbook.Split('\n');
        int start = Array.IndexOf(lines, $"### {name}");
        Assert.True(start >= 0, $"{Runbook} has no line '### {name}'");
        var body = lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal) && !line.StartsWith("### ", StringComparison.Ordinal));
        return string.Join('\n', body);
    }
}
