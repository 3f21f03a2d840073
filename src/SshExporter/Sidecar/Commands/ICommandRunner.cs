namespace SshExporter.Sidecar.Commands;

/// <summary>
/// Runs one of the host tools the sidecar's checks ask. The production runner starts the program directly; tests
/// give it a prefix such as <c>ip netns exec NS</c> so that the same code reads a network namespace's real ruleset.
/// </summary>
public interface ICommandRunner
{
    Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
