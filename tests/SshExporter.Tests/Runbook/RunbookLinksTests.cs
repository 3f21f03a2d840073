using SshExporter.Probing;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Runbook;

/// <summary>
/// Every runbook link the exporter gives names a shipped alert and opens the section that alert's runbook_url
/// opens. Expectations come from the shipped rules, not from a copy of the exporter's tables.
/// </summary>
public class RunbookLinksTests
{
    private static readonly Dictionary<string, ShippedAlert> Shipped = ShippedAlerts.All.ToDictionary(alert => alert.Name);

    public static TheoryData<ProbeOutcome> Failures => [.. ProbeOutcomes.All.Where(outcome => outcome != ProbeOutcome.Success)];

    public static TheoryData<SidecarFinding> Findings => [.. Enum.GetValues<SidecarFinding>()];

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failed_probe_links_a_shipped_alert_remote_or_on_loopback(ProbeOutcome outcome)
    {
        Assert.Contains(RunbookLinks.Alert(outcome)!, Shipped.Keys);
        Assert.Contains(RunbookLinks.LocalProbeAlert(outcome)!, Shipped.Keys);
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_sidecar_finding_links_a_shipped_alert(SidecarFinding finding) =>
        Assert.Contains(RunbookLinks.Alert(finding), Shipped.Keys);

    [Fact]
    public void A_successful_probe_links_nothing()
    {
        Assert.Null(RunbookLinks.Alert(ProbeOutcome.Success));
        Assert.Null(RunbookLinks.LocalProbeAlert(ProbeOutcome.Success));
        Assert.Null(RunbookLinks.Default.For(ProbeOutcome.Success));
    }

    [Fact]
    public void Only_a_silent_loopback_links_elsewhere_than_the_same_outcome_remotely()
    {
        var differ = ProbeOutcomes.All.Where(outcome => RunbookLinks.LocalProbeAlert(outcome) != RunbookLinks.Alert(outcome));

        Assert.Equal([ProbeOutcome.BannerTimeout], differ);
    }

    [Fact]
    public void The_list_of_alerts_is_every_one_a_failure_or_finding_links_and_each_is_shipped()
    {
        var linked = ProbeOutcomes.All.Select(RunbookLinks.Alert)
            .Concat(ProbeOutcomes.All.Select(RunbookLinks.LocalProbeAlert))
            .Concat(Enum.GetValues<SidecarFinding>().Select(finding => (string?)RunbookLinks.Alert(finding)))
            .OfType<string>();

        Assert.Equal(linked.ToHashSet(), RunbookLinks.Alerts.ToHashSet());
        Assert.Equal(RunbookLinks.Alerts.Count, RunbookLinks.Alerts.Distinct().Count());
        Assert.Subset(Shipped.Keys.ToHashSet(), RunbookLinks.Alerts.ToHashSet());
    }

    [Fact]
    public void With_the_default_base_each_link_is_the_runbook_url_of_its_shipped_alert()
    {
        var runbook = RunbookLinks.Default;

        Assert.All(RunbookLinks.Alerts, alert => Assert.Equal(Shipped[alert].Annotations.GetValueOrDefault("runbook_url"), runbook.Url(alert)));
        Assert.All(ProbeOutcomes.All.Where(outcome => outcome != ProbeOutcome.Success), outcome => Assert.Equal(runbook.Url(RunbookLinks.Alert(outcome)!), runbook.For(outcome)));
    }

    [Fact]
    public void The_default_base_is_the_contracts() =>
        Assert.Equal("https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md", RunbookLinks.DefaultBaseUrl);

    [Fact]
    public void A_link_is_the_base_a_hash_and_the_alert_name_in_lower_case()
    {
        Assert.True(RunbookLinks.TryCreate("https://wiki.example.com/ssh", out var runbook, out _));

        Assert.Equal("sshdaemonnotrunning", RunbookLinks.AnchorFor("SshDaemonNotRunning"));
        Assert.Equal("https://wiki.example.com/ssh#sshdaemonnotrunning", runbook.Url("SshDaemonNotRunning"));
    }

    [Theory]
    [InlineData(RunbookLinks.DefaultBaseUrl, true)]
    [InlineData("http://wiki.internal:8080/runbooks/ssh.html", true)]
    [InlineData("https://wiki.example.com/ssh#top", false)]
    [InlineData("wiki.example.com/ssh", false)]
    [InlineData("/srv/runbook.md", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https://wiki.example.com/ssh runbook", false)]
    [InlineData("", false)]
    public void The_base_is_an_absolute_http_url_without_a_fragment(string text, bool valid)
    {
        Assert.Equal(valid, RunbookLinks.TryCreate(text, out var runbook, out string error));
        Assert.Equal(valid, runbook is not null);
        Assert.Equal(valid ? "" : $"--web.runbook-url '{text}': expected an absolute http or https URL without a '#' fragment or spaces", error);
    }
}
