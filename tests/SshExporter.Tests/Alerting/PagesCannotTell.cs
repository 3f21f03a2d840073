using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The runbook's section on what one exporter's pages can and cannot tell: a cause that needs the remote probe and
/// the sidecar at once, which no single exporter has, is named there, so that a page that cannot name it is documented.
/// </summary>
public static class PagesCannotTell
{
    public const string Runbook = "docs/runbook.md";

    public const string Heading = "## What the exporter's pages can and cannot tell";

    /// <summary>The section's text, to the next heading of level 2.</summary>
    public static string Section { get; } = Read();

    private static string Read()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine(Runbook));
        int start = Array.IndexOf(lines, Heading);
        Assert.True(start >= 0, $"{Runbook} has no line '{Heading}'");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)));
    }
}
