namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Expands an <c>Include</c> pattern as sshd's glob(3) call does (no flags): wildcards in any component,
/// results sorted bytewise, nothing when nothing matches. Patterns and results are host paths; the file system
/// is read through <see cref="HostPaths"/>, so a container sees the host's files under its rootfs.
/// </summary>
internal static class IncludeGlob
{
    public static IReadOnlyList<string> Expand(HostPaths paths, string pattern)
    {
        string[] components = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> matches = ["/"];
        for (int i = 0; i < components.Length; i++)
        {
            bool last = i == components.Length - 1;
            string component = components[i];
            matches = matches.SelectMany(directory => Step(paths, directory, component, last)).ToList();
        }

        return matches.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The children of <paramref name="directory"/> that <paramref name="component"/> matches; all but the last must be directories.</summary>
    private static List<string> Step(HostPaths paths, string directory, string component, bool last)
    {
        if (!GlobPattern.HasWildcards(component))
        {
            string candidate = Join(directory, GlobPattern.Unescape(component));
            return Exists(paths.Resolve(candidate), last) ? [candidate] : [];
        }

        string[] names;
        try
        {
            names = Directory.GetFileSystemEntries(paths.Resolve(directory)).Select(entry => Path.GetFileName(entry)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // glob(3) skips directories it cannot open; so does sshd.
            return [];
        }

        return names
            .Where(name => GlobPattern.Matches(component, name))
            .Select(name => Join(directory, name))
            .Where(candidate => last || Directory.Exists(paths.Resolve(candidate)))
            .ToList();
    }

    private static bool Exists(string localPath, bool last) =>
        Directory.Exists(localPath) || (last && File.Exists(localPath));

    private static string Join(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;
}
