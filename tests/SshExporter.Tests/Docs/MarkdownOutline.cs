using System.Globalization;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Docs;

/// <summary>
/// A heading of a Markdown file (level 1-6 and its text as written) or an explicit <c>&lt;a id&gt;</c> (level 0,
/// no text), with the anchor GitHub gives it.
/// </summary>
public sealed record MarkdownAnchor(int Level, string Text, string Anchor);

/// <summary>
/// The headings and anchors of a Markdown file as GitHub renders it, from <c>tests/js/markdown-anchors.mjs
/// --outline</c> (github-slugger). The script is the one reader of Markdown headings: it skips fenced and indented
/// code and HTML comments, so a test never has a second opinion on what is a heading. Needs node and the npm dev
/// dependencies; the test is skipped without them.
/// </summary>
public static class MarkdownOutline
{
    /// <summary>The headings and explicit ids of <paramref name="relative"/> (a path from the repository root), in document order.</summary>
    public static async Task<IReadOnlyList<MarkdownAnchor>> ReadAsync(string relative)
    {
        string node = Requires.Tool("node");
        Requires.NodePackage("github-slugger");
        string output = await ExternalCommand.RunCheckedAsync(
            node, [RepositoryRoot.Combine("tests/js/markdown-anchors.mjs"), "--outline", RepositoryRoot.Combine(relative)], TestContext.Current.CancellationToken);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    private static MarkdownAnchor Parse(string line)
    {
        string[] fields = line.Split('\t');
        return fields.Length == 3 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int level)
            ? new MarkdownAnchor(level, fields[1], fields[2])
            : throw new FormatException($"markdown-anchors.mjs --outline printed '{line}', expected LEVEL<TAB>TEXT<TAB>ANCHOR");
    }
}
