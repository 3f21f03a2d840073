namespace SshExporter.Sidecar.Service;

/// <summary>
/// What a tool said. <see cref="Failure"/> is set when it did not complete (not installed, could not start,
/// outlived its timeout); then the exit code and output mean nothing.
/// </summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, string? Failure = null)
{
    public bool Completed => Failure is null;

    public static CommandResult Failed(string failure) => new(-1, "", "", failure);
}
