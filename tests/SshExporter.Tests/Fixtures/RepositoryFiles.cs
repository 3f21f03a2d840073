namespace SshExporter.Tests.Fixtures;

/// <summary>The files the project ships (README, rules, examples), read from the checkout the tests were built in.</summary>
public static class RepositoryFiles
{
    /// <summary>The checkout's root: the first directory above the test binaries that holds SshExporter.sln.</summary>
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SshExporter.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("the repository root (SshExporter.sln) is not above the test binaries");
        }
    }

    /// <summary>The full path of <paramref name="relative"/>, a path from the repository root such as <c>alerts/ssh-exporter.rules.yml</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
