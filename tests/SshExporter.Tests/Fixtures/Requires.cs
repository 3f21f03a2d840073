namespace SshExporter.Tests.Fixtures;

/// <summary>Skips a test, saying why, when the machine lacks what it needs. CI installs all of it and runs as root.</summary>
public static class Requires
{
    public static void Root() =>
        Assert.SkipUnless(Environment.UserName == "root", "needs root (network namespaces, iptables); CI runs as root");

    public static string Tool(string name, params string[] extraDirectories)
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        foreach (string directory in path.Concat(extraDirectories).Concat(["/usr/sbin", "/sbin", "/usr/bin"]))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Skip($"needs '{name}' (scripts/test installs it)");
        return "";
    }

    /// <summary>Skips unless the repository's npm dev dependency <paramref name="package"/> is installed in node_modules.</summary>
    public static void NodePackage(string package) =>
        Assert.SkipUnless(
            File.Exists(RepositoryRoot.Combine($"node_modules/{package}/package.json")),
            $"needs the npm package '{package}' in node_modules: run `npm ci` at the repository root (scripts/test does when npm is installed)");
}
