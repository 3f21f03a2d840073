namespace SshExporter.Sidecar.Firewall.Commands;

/// <summary>
/// Runs one of the firewall tools. The production runner starts the program directly; tests give it a prefix such
/// as <c>ip netns exec NS</c> so that the same code reads a network namespace's real ruleset.
/// </summary>
public interface ICommandRunner
{
    Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
