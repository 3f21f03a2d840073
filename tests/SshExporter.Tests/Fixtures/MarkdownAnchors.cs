namespace SshExporter.Tests.Fixtures;

/// <summary>
/// The anchors GitHub gives a Markdown file's headings (github-slugger, through tests/js/markdown-anchors.mjs) and
/// its explicit <c>&lt;a id&gt;</c>s; GitHub ignores <c>{#id}</c> heading attributes. Needs node and the npm dev
/// dependencies; the test is skipped without them.
/// </summary>
public static class MarkdownAnchors
{
    /// <summary>The anchors of <paramref name="relative"/> (a path from the repository root), in document order.</summary>
    public static async Task<List<string>> ListAsync(string relative)
    {
        string node = Requires.Tool("node");
        Requires.NodePackage("github-slugger");
        string output = await ExternalCommand.RunCheckedAsync(
            node, [RepositoryRoot.Combine("tests/js/markdown-anchors.mjs"), RepositoryRoot.Combine(relative)], TestContext.Current.CancellationToken);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public static async Task<IReadOnlySet<string>> SetAsync(string relative) => (await ListAsync(relative)).ToHashSet();
}
