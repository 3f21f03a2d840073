namespace SshExporter.Sidecar.Commands;

public enum CommandStatus
{
    /// <summary>The program ran and exited; see <see cref="CommandResult.ExitCode"/>.</summary>
    Exited,

    /// <summary>No such program on the search path.</summary>
    NotFound,

    /// <summary>The program could not be started (permissions, exec format).</summary>
    StartFailed,

    /// <summary>The program did not finish within the runner's timeout and was killed.</summary>
    TimedOut,
}

/// <summary>How a command ended and what it printed (each stream bounded; <see cref="OutputTruncated"/> says when cut).</summary>
public sealed record CommandResult(
    CommandStatus Status,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    bool OutputTruncated = false,
    string? Error = null)
{
    /// <summary>Exited 0 with its whole output.</summary>
    public bool Succeeded => Status == CommandStatus.Exited && ExitCode == 0 && !OutputTruncated;

    public static CommandResult Exited(int exitCode, string standardOutput, string standardError = "") =>
        new(CommandStatus.Exited, exitCode, standardOutput, standardError);

    /// <summary>Why <paramref name="program"/> gave no usable answer, in one line for a "could not run" status.</summary>
    public string Describe(string program) => Status switch
    {
        CommandStatus.NotFound => $"{program} not found",
        CommandStatus.StartFailed => $"{program} could not be started: {Error}",
        CommandStatus.TimedOut => $"{program} did not finish in time{(Error is null ? "" : $" ({Error})")}",
        _ when OutputTruncated => $"{program} printed more than the output limit",
        // Some tools (ufw) print their error on standard output.
        _ => (FirstLine(StandardError) is { Length: > 0 } error ? error : FirstLine(StandardOutput)) is { Length: > 0 } line
            ? $"{program} exited {ExitCode}: {line}"
            : $"{program} exited {ExitCode}",
    };

    /// <summary>The first non-empty line of <paramref name="text"/>, trimmed.</summary>
    public static string FirstLine(string text) =>
        text.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0) ?? "";
}
