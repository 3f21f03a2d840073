using SshExporter.Sidecar.Commands;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// Answers commands with outputs given up front: for failures that are awkward to cause for real. Unlisted commands are "not found".
/// </summary>
public sealed class CannedCommands : ICommandRunner
{
    private readonly Dictionary<string, CommandResult> _answers = [];

    public List<string> Calls { get; } = [];

    public CannedCommands Answer(string commandLine, CommandResult result)
    {
        _answers[commandLine] = result;
        return this;
    }

    public CannedCommands Answer(string commandLine, int exitCode, string standardOutput, string standardError = "") =>
        Answer(commandLine, CommandResult.Exited(exitCode, standardOutput, standardError));

    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        string line = string.Join(' ', [program, .. arguments]);
        // The sidecar's checks run side by side.
        lock (Calls)
        {
            Calls.Add(line);
        }

        return Task.FromResult(_answers.TryGetValue(line, out var result) ? result : new CommandResult(CommandStatus.NotFound, -1, "", ""));
    }
}
