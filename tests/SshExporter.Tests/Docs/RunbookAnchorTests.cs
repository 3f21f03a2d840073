using System.Text.RegularExpressions;
using SshExporter.Runbook;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Docs;

/// <summary>
/// Every way into docs/runbook.md lands on a section as GitHub renders it: the runbook's own links, each alert's
/// <c>runbook_url</c>, and the README's links. The headings and their anchors come from github-slugger, through
/// tests/js/markdown-anchors.mjs (<see cref="MarkdownOutline"/>); GitHub ignores <c>{#id}</c> heading attributes,
/// so only headings and explicit <c>&lt;a id&gt;</c> count.
/// </summary>
[NeedsNode]
public partial class RunbookAnchorTests
{
    private const string Runbook = "docs/runbook.md";

    /// <summary>An alert's row in README's table of alerts: <c>| `SshDaemonNotRunning` | critical | ...</c>.</summary>
    [GeneratedRegex(@"^\| `(?<alert>Ssh[A-Za-z]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeAlertRow();

    [GeneratedRegex(@"\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)>?", RegexOptions.Multiline)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<a\s[^>]*\bhref\s*=\s*[""'](?<target>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(`+).*?\1")]
    private static partial Regex CodeSpan();

    [Fact]
    public async Task The_anchor_script_gives_the_headings_and_anchors_GitHub_gives()
    {
        using var directory = new TempDirectory();
        string sample = directory.Write("sample.md", """
            # Runbook: "ssh: connect to host … port 22"

            ### SshDaemonNotRunning
            ### SshDaemonNotRunning

            ## Step 1: Is sshd running? {#step-1-service}

            ## `sshd_config` and *emphasis* [link](https://example.com)

            ```sh
            # a shell comment, not a heading
            ```

            <!--
            ### A heading commented out
            -->

                # indented code, not a heading

            Setext heading
            --------------

            <a id="explicit-id"></a> and <a name="named"></a>, but not `<a id="in-code">`.
            """);

        Assert.Equal(
            [
                new(1, "Runbook: \"ssh: connect to host … port 22\"", "runbook-ssh-connect-to-host--port-22"),
                new(3, "SshDaemonNotRunning", "sshdaemonnotrunning"),
                new(3, "SshDaemonNotRunning", "sshdaemonnotrunning-1"),
                new(2, "Step 1: Is sshd running? {#step-1-service}", "step-1-is-sshd-running-step-1-service"),
                new(2, "`sshd_config` and *emphasis* [link](https://example.com)", "sshd_config-and-emphasis-link"),
                new(2, "Setext heading", "setext-heading"),
                new MarkdownAnchor(0, "", "explicit-id"),
                new(0, "", "named"),
            ],
            await MarkdownOutline.ReadAsync(sample));
    }

    [Fact]
    public async Task Every_link_inside_the_runbook_lands_on_one_of_its_anchors()
    {
        var anchors = AnchorSet(await MarkdownOutline.ReadAsync(Runbook));
        var links = LinkTargets(await ReadAsync(Runbook)).Where(target => target.StartsWith('#')).ToList();

        Assert.NotEmpty(links);
        AssertAllLand(links.Select(link => (Runbook, link[1..])), anchors);
    }

    /// <summary>
    /// Every shipped alert has its section, and its runbook_url is the exporter's default base URL and the
    /// lowercased alert name.
    /// </summary>
    [Fact]
    public async Task Every_alert_has_its_section_and_its_runbook_url_leads_there()
    {
        var outline = await MarkdownOutline.ReadAsync(Runbook);
        var problems = new List<string>();
        Assert.NotEmpty(ShippedAlerts.All);
        foreach (var alert in ShippedAlerts.All)
        {
            string expected = $"{RunbookLinks.DefaultBaseUrl}#{RunbookLinks.AnchorFor(alert.Name)}";
            string? url = alert.Annotations.GetValueOrDefault("runbook_url");
            if (url != expected)
            {
                problems.Add($"alert {alert.Name}: runbook_url is {url ?? "missing"}, expected {expected}");
            }

            problems.AddRange(SectionProblems(alert.Name, ShippedAlerts.RuleFile, outline));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task The_runbook_and_README_have_a_section_and_a_row_for_exactly_the_alerts_the_rules_define()
    {
        var alerts = ShippedAlerts.All.Select(alert => alert.Name).Order().ToList();
        // Every third-level heading of the runbook is an alert's section.
        var sections = (await MarkdownOutline.ReadAsync(Runbook)).Where(heading => heading.Level == 3).Select(heading => heading.Text).Order().ToList();
        var readmeRows = ReadmeAlertRow().Matches(await ReadAsync("README.md")).Select(m => m.Groups["alert"].Value).Order().ToList();

        Assert.NotEmpty(alerts);
        Assert.Equal(alerts, sections);
        Assert.Equal(alerts, readmeRows);
    }

    [Fact]
    public async Task Every_section_the_exporter_links_to_is_in_the_runbook()
    {
        var anchors = AnchorSet(await MarkdownOutline.ReadAsync(Runbook));

        Assert.NotEmpty(RunbookLinks.Alerts);
        AssertAllLand(RunbookLinks.Alerts.Select(alert => ("the exporter's pages", RunbookLinks.AnchorFor(alert))), anchors);
    }

    [Fact]
    public async Task Every_README_link_into_the_runbook_lands_on_one_of_its_anchors()
    {
        var anchors = AnchorSet(await MarkdownOutline.ReadAsync(Runbook));
        var links = LinkTargets(await ReadAsync("README.md"))
            .Select(target => target.Split('#', 2)) // [path] or [path, anchor]
            .Where(parts => IsRunbook(parts[0]))
            .ToList();

        Assert.NotEmpty(links);
        AssertAllLand(links.Where(parts => parts.Length == 2).Select(parts => ("README.md", parts[1])), anchors);
    }

    /// <summary>
    /// What is wrong with the section of <paramref name="alert"/>: its heading must be exactly the name, once, at
    /// level 3, and the only one GitHub gives the alert's anchor.
    /// </summary>
    private static IEnumerable<string> SectionProblems(string alert, string source, IReadOnlyList<MarkdownAnchor> outline)
    {
        string anchor = RunbookLinks.AnchorFor(alert);
        var headings = outline.Where(heading => heading.Level == 3 && heading.Text == alert).ToList();
        if (headings.Count == 0)
        {
            yield return $"alert {alert} ({source}): no heading `### {alert}` (anchor #{anchor}) in {Runbook}";
        }
        else if (headings.Count > 1 || outline.Any(other => other.Anchor == $"{anchor}-1"))
        {
            yield return $"alert {alert} ({source}): more than one heading `### {alert}` in {Runbook}";
        }
        else if (headings[0].Anchor != anchor)
        {
            yield return $"alert {alert} ({source}): its heading has anchor #{headings[0].Anchor}, not #{anchor}: another heading comes first with the same anchor";
        }
    }

    private static HashSet<string> AnchorSet(IReadOnlyList<MarkdownAnchor> outline) => outline.Select(heading => heading.Anchor).ToHashSet();

    private static bool IsRunbook(string path) => path is Runbook or $"./{Runbook}" or RunbookLinks.DefaultBaseUrl;

    private static void AssertAllLand(IEnumerable<(string File, string Anchor)> links, HashSet<string> anchors)
    {
        var broken = links
            .Select(link => (link.File, Anchor: Uri.UnescapeDataString(link.Anchor)))
            .Where(link => !anchors.Contains(link.Anchor))
            .Select(link => $"{link.File}: #{link.Anchor}")
            .Distinct()
            .ToList();
        Assert.True(
            broken.Count == 0,
            $"links to anchors {Runbook} does not have:\n{string.Join('\n', broken)}\nits anchors:\n{string.Join('\n', anchors.Order())}");
    }

    private static Task<string> ReadAsync(string relative) =>
        File.ReadAllTextAsync(RepositoryRoot.Combine(relative), TestContext.Current.CancellationToken);

    /// <summary>The targets of Markdown and HTML links outside code blocks and code spans.</summary>
    private static List<string> LinkTargets(string markdown)
    {
        string text = string.Join('\n', ProseLines(markdown).Select(line => CodeSpan().Replace(line, "")));
        return
        [
            .. InlineLink().Matches(text).Select(m => m.Groups["target"].Value),
            .. ReferenceDefinition().Matches(text).Select(m => m.Groups["target"].Value),
            .. HtmlLink().Matches(text).Select(m => m.Groups["target"].Value),
        ];
    }

    /// <summary>The lines of <paramref name="markdown"/> that are not inside a fenced code block.</summary>
    private static IEnumerable<string> ProseLines(string markdown)
    {
        string? fence = null;
        foreach (string line in markdown.Split('\n'))
        {
            string marker = Fence().Match(line).Groups["fence"].Value;
            if (fence is null && marker.Length > 0)
            {
                fence = marker; // opens a code block
            }
            else if (fence is not null && marker.Length >= fence.Length && marker[0] == fence[0] && line.Trim() == marker)
            {
                fence = null; // closes it
            }
            else if (fence is null)
            {
                yield return line.TrimEnd('\r');
            }
        }
    }
}
