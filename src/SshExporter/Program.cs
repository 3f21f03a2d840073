using System.CommandLine;
using SshExporter.Cli;

// The host handles SIGINT and SIGTERM itself; the command-line parser must not race it for them.
return await SshExporterCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
