namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Reads sshd_config the way sshd does (OpenSSH 9.x servconf.c), for the directives that decide where sshd
/// listens, which host keys it loads and where it writes its pid. All reading goes through <see cref="HostPaths"/>.
/// </summary>
public static class SshdConfigParser
{
    /// <summary>sshd_config files are small; a bigger file is not read, so a wrong Include cannot eat memory.</summary>
    internal const long MaxFileBytes = 1024 * 1024;

    /// <summary>A bound on included files read in total, for include graphs that fan out without looping.</summary>
    internal const int MaxFilesRead = 1000;

    public static ParsedSshdConfig Parse(HostPaths paths, string configPath = SshdDefaults.ConfigPath)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string local = paths.Resolve(configPath);
        string where = local == configPath ? configPath : $"{configPath} (read as {local})";
        if (Directory.Exists(local))
        {
            return ParsedSshdConfig.Unreadable(configPath, $"sshd_config is a directory: {where}");
        }

        if (!File.Exists(local))
        {
            return ParsedSshdConfig.Unreadable(configPath, $"sshd_config not found: {where}");
        }

        var walk = new ConfigWalk(paths);
        if (walk.ReadLines(configPath, out string? error) is not { } lines)
        {
            return ParsedSshdConfig.Unreadable(configPath, $"cannot read sshd_config {where}: {error}");
        }

        walk.ParseFile(configPath, lines, depth: 0, startActive: true);
        return walk.Build(configPath);
    }
}
