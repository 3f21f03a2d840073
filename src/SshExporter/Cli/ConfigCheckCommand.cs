using SshExporter.Config;

namespace SshExporter.Cli;

/// <summary>
/// <c>ssh_exporter --config.check</c>: loads and validates the configuration as a start or a reload would, says what
/// it holds or why it is rejected, and exits (0 valid, 1 not), as blackbox_exporter's flag of the same name does:
/// for a deployment pipeline or a pre-commit hook, before a reload would keep the old config.
/// </summary>
public static class ConfigCheckCommand
{
    public static async Task<int> RunAsync(string? configFile, TextWriter output, TextWriter error)
    {
        ExporterConfig config;
        try
        {
            config = ConfigLoader.Load(configFile);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }

        await output.WriteLineAsync(
            $"{config.Source}: valid: {config.Modules.Count} module(s), {config.Targets.Count} target(s), sidecar {(config.Sidecar.Enabled ? "on" : "off")}");
        return 0;
    }
}
