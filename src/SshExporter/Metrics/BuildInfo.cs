using System.Reflection;

namespace SshExporter.Metrics;

/// <summary>
/// What ssh_exporter was built from, as Prometheus's programs report it (<c>--version</c>, <c>*_build_info</c>):
/// the version, the git revision the SDK stamps into the informational version, the branch the project file
/// records, and the .NET runtime it runs on. "unknown" where the build had no git (a container build's context).
/// </summary>
public static class BuildInfo
{
    private const string Unknown = "unknown";

    private static readonly Assembly Assembly = typeof(BuildInfo).Assembly;

    public static string Version { get; } = Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The commit: the SDK appends "+SHA" to the informational version when it builds inside a git work tree.</summary>
    public static string Revision { get; } =
        Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, { Length: > 0 } sha] ? sha : Unknown;

    public static string Branch { get; } =
        Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Branch")?.Value is { Length: > 0 } branch ? branch : Unknown;

    public static string Runtime { get; } = Environment.Version.ToString();

    /// <summary>The lines of <c>ssh_exporter --version</c>, in the form of Prometheus's own version output.</summary>
    public static string VersionText =>
        $"ssh_exporter, version {Version} (branch: {Branch}, revision: {Revision})\n  runtime: .NET {Runtime}\n";
}
