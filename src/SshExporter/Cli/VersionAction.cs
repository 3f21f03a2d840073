using System.CommandLine;
using System.CommandLine.Invocation;
using SshExporter.Metrics;

namespace SshExporter.Cli;

/// <summary><c>--version</c> as Prometheus's programs print it: version, branch, revision and runtime.</summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.Write(BuildInfo.VersionText);
        return 0;
    }
}
