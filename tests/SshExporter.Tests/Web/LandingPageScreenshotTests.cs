using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

/// <summary>
/// The landing page in each state on-call meets, as a person sees it on a phone in headless Chromium: the verdict's
/// words, its colour as computed, where its links go, that nothing is fetched from elsewhere, and that axe-core finds
/// no serious accessibility fault. Each test takes a screenshot; with SSH_EXPORTER_SCREENSHOTS set to a directory,
/// they are written there instead (docs/landing-page.png is the sshd-stopped one).
/// </summary>
[NeedsTool("chromium"), NeedsNode, NeedsSshd]
[NeedsExporterBinary]
public class LandingPageScreenshotTests
{
    private const string Red = "rgb(179, 38, 30)";
    private const string Green = "rgb(27, 110, 32)";
    private const string White = "rgb(255, 255, 255)";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthy_sshd_shows_green_verdicts_for_the_target_and_the_local_sshd()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        await using var exporter = await ExporterUnderTest.StartAsync(SidecarConfig(sshd.Target, sshd.ConfigPath));
        await exporter.GetTextAsync("/metrics");

        var page = await OpenAsync(exporter, "healthy");

        var target = page.Card(sshd.Target);
        Assert.Equal(("Healthy", Green, White), (target.Badge, target.BadgeColor, target.BadgeTextColor));
        Assert.StartsWith("SSH answers: SSH-2.0-OpenSSH_", target.Sentence, StringComparison.Ordinal);
        Assert.Equal(("Healthy", Green), (page.Card("local sshd").Badge, page.Card("local sshd").BadgeColor));
        AssertLinksToTheProbesLog(page, exporter);
    }

    [Fact]
    public async Task A_refused_port_shows_a_red_verdict_with_its_commands_and_runbook_section()
    {
        int port = ClosedPort.Find();
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{port}\"}}]\n"));
        await exporter.GetTextAsync("/metrics");

        var page = await OpenAsync(exporter, "refused");

        var card = page.Card($"127.0.0.1:{port}");
        Assert.Equal(("Critical", Red, Red), (card.Badge, card.BadgeColor, card.BorderColor));
        Assert.Contains("refused", card.Sentence, StringComparison.Ordinal);
        Assert.Equal((RunbookLinks.Default.Url("SshConnectionRefused"), "Runbook: SshConnectionRefused"), (card.Runbook, card.RunbookText));
        Assert.Contains(card.Commands, commands => commands.Contains($"-p {port}", StringComparison.Ordinal));
        Assert.True(card.VisibleInFirstScreen, "the verdict is on the first screen of a phone");
        Assert.Contains("Failure", page.Failures);
        AssertLinksToTheProbesLog(page, exporter);
    }

    [Fact]
    public async Task A_stopped_sshd_is_named_as_the_cause_on_the_target_and_on_the_local_sshd()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        await using var exporter = await ExporterUnderTest.StartAsync(SidecarConfig(sshd.Target, sshd.ConfigPath));
        await sshd.KillAsync();
        await exporter.GetTextAsync("/metrics");

        var page = await OpenAsync(exporter, "sshd-stopped");

        foreach (var card in new[] { page.Card("local sshd"), page.Card(sshd.Target) })
        {
            Assert.Equal(("Critical", Red), (card.Badge, card.BadgeColor));
            Assert.Equal((RunbookLinks.Default.Url("SshDaemonNotRunning"), "Runbook: SshDaemonNotRunning"), (card.Runbook, card.RunbookText));
            Assert.Contains("sshd is stopped", card.Sentence, StringComparison.Ordinal);
        }

        Assert.Contains(page.Links, link => link.Href == new Uri(exporter.Http.BaseAddress!, "sidecar").ToString());
    }

    /// <summary>sshd, a DROP rule, the exporter and Chromium all inside a network namespace of the test's own.</summary>
    [Fact]
    [NeedsNetns, NeedsTool("curl")]
    public async Task A_firewall_that_drops_the_port_where_sshd_listens_is_named_as_the_cause()
    {
        await using var inside = await NetworkNamespace.CreateAsync(Token);
        await using var sshd = await SshdFixture.StartAsync(inside, [], Token);
        await inside.AddTcpInputRuleAsync(sshd.Port, "DROP", Token);
        await using var exporter = ExporterProcess.StartCommand(inside.Wrap(
            ExporterProcess.Executable, [$"--config.file={SidecarConfig(sshd.Target, sshd.ConfigPath)}", "--web.listen-address=127.0.0.1:9722"]));
        await NamespaceCurl.GetWhenServingAsync(inside, "http://127.0.0.1:9722/metrics", () => exporter.Output, Token);
        using var shots = new TempDirectory();

        var page = await BrowserPage.OpenAsync("http://127.0.0.1:9722/", Keep(shots.PathOf("firewall-blocked.png")), inside);

        var card = page.Card(sshd.Target);
        Assert.Equal(("Critical", Red), (card.Badge, card.BadgeColor));
        Assert.Equal(RunbookLinks.Default.Url("SshHostFirewallBlocking"), card.Runbook);
        Assert.Contains("firewall", card.Sentence, StringComparison.OrdinalIgnoreCase);
        AssertSeenAsAPersonShould(page, "http://127.0.0.1:9722/");
    }

    private static async Task<SeenPage> OpenAsync(ExporterUnderTest exporter, string state)
    {
        using var shots = new TempDirectory();
        string origin = exporter.Http.BaseAddress!.ToString();
        var page = await BrowserPage.OpenAsync(origin, Keep(shots.PathOf($"{state}.png")));
        AssertSeenAsAPersonShould(page, origin);
        // The same page reloading itself, as its link asks: axe rates a timed reload critical (WCAG 2.2.1) because the
        // person did not choose it, so it is only there once they have, with the link that stops it.
        var reloading = await BrowserPage.OpenAsync(origin + "?refresh=on", shots.PathOf($"{state}-reloading.png"));
        Assert.Equal("15", reloading.Refresh);
        Assert.Contains(reloading.Links, link => link.Text == "Stop reloading" && link.Href == origin);
        Assert.Empty(reloading.Serious(except: "meta-refresh"));
        return page;
    }

    /// <summary>Readable on a phone, nothing fetched from elsewhere, no serious accessibility fault, and a link that makes it reload itself.</summary>
    private static void AssertSeenAsAPersonShould(SeenPage page, string origin)
    {
        Assert.Equal(200, page.Status);
        Assert.Null(page.Refresh);
        Assert.Contains(page.Links, link => link.Text == "Reload this page every 15 s" && link.Href.EndsWith("?refresh=on", StringComparison.Ordinal));
        Assert.False(page.OverflowsScreen, "the page is no wider than a 390 px screen");
        Assert.All(page.Requests, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
        Assert.Empty(page.Serious());
    }

    private static void AssertLinksToTheProbesLog(SeenPage page, ExporterUnderTest exporter) =>
        Assert.Contains(page.Links, link => link.Text == "Its log" && link.Href.StartsWith(new Uri(exporter.Http.BaseAddress!, "probe-log?id=").ToString(), StringComparison.Ordinal));

    /// <summary>Where the screenshot goes: SSH_EXPORTER_SCREENSHOTS when set (to refresh the one in docs/), else the test's own directory.</summary>
    private static string Keep(string screenshot)
        => Environment.GetEnvironmentVariable("SSH_EXPORTER_SCREENSHOTS") is { Length: > 0 } directory
            ? Path.Combine(directory, Path.GetFileName(screenshot))
            : screenshot;

    private static string SidecarConfig(string target, string sshdConfig) => ExporterUnderTest.WriteConfig($$"""
        modules:
          quick: {timeout: 2s}
        targets:
          - {address: "{{target}}", module: quick}
        sidecar:
          sshd_config: {{sshdConfig}}
          local_probe_module: quick
        """);
}
