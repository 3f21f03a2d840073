using SshExporter.Sidecar.Commands;

namespace SshExporter.Tests.Sidecar;

/// <summary>The command runner the exporter uses, running this machine's own tools.</summary>
internal static class HostCommands
{
    public static ICommandRunner Runner { get; } = new ProcessCommandRunner(TimeProvider.System, ProcessCommandRunner.DefaultTimeout);
}
