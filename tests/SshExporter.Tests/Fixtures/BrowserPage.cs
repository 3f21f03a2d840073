using System.Text.Json;

namespace SshExporter.Tests.Fixtures;

/// <summary>One verdict card as Chromium rendered it: what it says and the colours it is drawn in.</summary>
public sealed record SeenCard(
    string Badge, string Name, string Sentence, string BadgeColor, string BadgeTextColor, string BorderColor,
    string? Runbook, string RunbookText, IReadOnlyList<string> Commands, bool VisibleInFirstScreen);

public sealed record SeenLink(string Text, string Href);

/// <summary>One accessibility rule axe-core found broken, with the elements that break it.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<string> Nodes);

/// <summary>A page as a person sees it on a 390 px wide phone (tests/js/page-in-browser.mjs), and where its screenshot is.</summary>
public sealed record SeenPage(
    int Status, string Title, string? Refresh, bool OverflowsScreen, IReadOnlyList<SeenCard> Cards, IReadOnlyList<SeenLink> Links,
    IReadOnlyList<string> Failures, IReadOnlyList<string> Requests, IReadOnlyList<AxeViolation> Axe)
{
    public string Screenshot { get; init; } = "";

    /// <summary>The card about <paramref name="name"/> (a target's address, or "local sshd").</summary>
    public SeenCard Card(string name) =>
        Cards.SingleOrDefault(card => card.Name == name) ?? throw new InvalidOperationException($"no card for {name}; cards: {string.Join(", ", Cards.Select(c => c.Name))}");

    /// <summary>The violations axe-core rates serious or critical, less the rules named in <paramref name="except"/>.</summary>
    public IReadOnlyList<AxeViolation> Serious(params string[] except) =>
        [.. Axe.Where(v => v.Impact is "serious" or "critical" && !except.Contains(v.Id))];
}

/// <summary>
/// Opens a page in the Debian Chromium through puppeteer-core (tests/js/page-in-browser.mjs), on the host or inside
/// a test's network namespace; skips without Chromium, node or the npm dev dependencies.
/// </summary>
public static class BrowserPage
{
    /// <summary>Generous: Chromium starts slowly on a machine busy with other tests.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Opens <paramref name="url"/> and writes its screenshot to <paramref name="screenshot"/>.</summary>
    public static async Task<SeenPage> OpenAsync(string url, string screenshot, NetworkNamespace? inside = null)
    {
        string chromium = Requires.Tool("chromium");
        string node = Requires.Tool("node");
        Requires.NodePackage("puppeteer-core");
        Requires.NodePackage("axe-core");
        string[] arguments = [RepositoryRoot.Combine("tests/js/page-in-browser.mjs"), chromium, url, screenshot];
        var run = inside is null
            ? await ExternalCommand.RunAsync(node, arguments, Limit, TestContext.Current.CancellationToken)
            : await inside.RunAsync(node, arguments, Limit, TestContext.Current.CancellationToken);
        Assert.True(run.ExitCode == 0, run.ToString());
        var page = JsonSerializer.Deserialize<SeenPage>(run.Stdout, Json) ?? throw new InvalidOperationException(run.ToString());
        return page with { Screenshot = screenshot };
    }
}
