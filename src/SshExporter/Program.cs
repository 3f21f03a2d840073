using SshExporter.Cli;

return await SshExporterCommand.InvokeAsync(args);
