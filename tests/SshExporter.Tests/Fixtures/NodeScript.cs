namespace SshExporter.Tests.Fixtures;

/// <summary>Runs a script of the repository's npm dev tools with node, skipping when node or a package it needs is missing.</summary>
public static class NodeScript
{
    /// <summary>Generous: the TypeScript compiler and the dashboard generator take seconds on a busy machine.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>Runs <paramref name="script"/> (a path from the repository root) with <paramref name="arguments"/>.</summary>
    public static Task<ExternalCommand.Result> RunAsync(string[] packages, string script, params string[] arguments)
    {
        string node = Requires.Tool("node");
        foreach (string package in packages)
        {
            Requires.NodePackage(package);
        }

        return ExternalCommand.RunAsync(node, [RepositoryRoot.Combine(script), .. arguments], Limit, TestContext.Current.CancellationToken);
    }
}
