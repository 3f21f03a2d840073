namespace SshExporter.Tests.Fixtures;

/// <summary>The checkout the tests run from, for tests of the files the project ships (docs, rules, examples).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository, from its parts relative to the root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "SshExporter.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (SshExporter.sln) is not above the test binaries");
    }
}
