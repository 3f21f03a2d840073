namespace SshExporter.Tests.Fixtures;

/// <summary>The checked-out repository the test binaries were built from, for tests that read its files (README, docs, alerts).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Directory = new(Find);

    /// <summary>The directory holding SshExporter.sln, found by walking up from the test binaries.</summary>
    public static string Path => Directory.Value;

    /// <summary>The full path of <paramref name="relative"/> (a path with '/' separators) inside the repository.</summary>
    public static string Combine(string relative) => System.IO.Path.Combine(Path, relative);

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
