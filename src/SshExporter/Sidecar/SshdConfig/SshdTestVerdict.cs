namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Reads the outcome of <c>sshd -t</c>. Exit 0 is valid (sshd may still warn, e.g. about one of several host
/// keys); anything else is invalid with sshd's first line, except failures that say this process could not
/// look rather than that the config is wrong.
/// </summary>
internal static class SshdTestVerdict
{
    public static SshdConfigValidity From(int exitCode, string standardError, string standardOutput, bool privileged)
    {
        string? firstLine = FirstLine(standardError) ?? FirstLine(standardOutput);
        if (exitCode == 0)
        {
            return new SshdConfigValidity(true, null, CheckStatus.Ran(firstLine is null ? "" : $"sshd -t accepted the config and said: {firstLine}"));
        }

        string line = firstLine ?? $"sshd -t exited with code {exitCode} and said nothing";

        // systemd creates /run/sshd when it starts the service and removes it when it stops; sshd -t as root
        // needs it, so a stopped service would otherwise read as a broken config.
        if (line.StartsWith("Missing privilege separation directory", StringComparison.Ordinal))
        {
            return SshdConfigValidity.CouldNotRun($"sshd -t needs its privilege separation directory, which the service creates when it starts: {line}", line);
        }

        // Host keys are readable by root only; without root sshd -t cannot load them, whether or not they exist.
        if (!privileged && (line.StartsWith("Unable to load host key", StringComparison.Ordinal) || line.Contains("no hostkeys available", StringComparison.Ordinal)))
        {
            return SshdConfigValidity.CouldNotRun($"sshd -t needs root to load the host keys: {line}", line);
        }

        return new SshdConfigValidity(false, line, CheckStatus.Ran(line));
    }

    private static string? FirstLine(string output) =>
        output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
}
