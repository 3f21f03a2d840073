namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Runbook step 5: the host keys sshd loads exist, are not empty and are readable; sshd does not start without
/// one. Feeds <c>sshd_host_key_present{type}</c>.
/// </summary>
public static class HostKeyCheck
{
    /// <summary>Creates every missing default host key.</summary>
    public const string FixHint = "ssh-keygen -A";

    /// <summary>sshd runs as root and reads what this process may not: that is not looking, not a missing key.</summary>
    private const string NotReadableByThisProcess = "not readable by this process";

    public static HostKeyReport Check(HostPaths paths, ParsedSshdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Status.CouldRun
            ? CheckFiles(paths, config.HostKeys)
            : new HostKeyReport([], CheckStatus.CouldNotRun($"the HostKey files are unknown: {config.Status.Detail}"));
    }

    public static HostKeyReport CheckFiles(HostPaths paths, IEnumerable<string> hostKeyPaths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var keys = hostKeyPaths
            .Select(path => (path, reason: Problem(paths.Resolve(path))))
            .Select(key => new HostKeyStatus(HostKeyType.Of(paths, key.path), key.path, key.reason is null, key.reason ?? "present"))
            .ToList();
        var denied = keys.Where(key => key.Reason == NotReadableByThisProcess).Select(key => key.Path).ToList();
        if (denied.Count > 0)
        {
            return new HostKeyReport([], CheckStatus.CouldNotRun(
                $"{string.Join(", ", denied)}: {NotReadableByThisProcess}; run it as root or with CAP_DAC_READ_SEARCH"));
        }

        var absent = keys.Where(key => !key.Present).Select(key => $"{key.Path}: {key.Reason}").ToList();
        string detail = absent.Count == 0
            ? $"{keys.Count} host keys present"
            : $"{string.Join("; ", absent)} (fix: {FixHint})";
        return new HostKeyReport(keys, CheckStatus.Ran(detail));
    }

    /// <summary>Why the file at <paramref name="localPath"/> is not a usable key, or null when it is.</summary>
    private static string? Problem(string localPath)
    {
        if (Directory.Exists(localPath))
        {
            return "not a file";
        }

        var file = new FileInfo(localPath);
        if (!file.Exists)
        {
            return "missing";
        }

        if (file.Length == 0)
        {
            return "empty";
        }

        try
        {
            using var stream = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.ReadByte();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return NotReadableByThisProcess;
        }
        catch (IOException e)
        {
            return $"not readable: {e.Message}";
        }
    }
}
