using SshExporter.Config;

namespace SshExporter.Cli;

/// <summary>
/// <c>ssh_exporter --config.check</c>: loads and validates the configuration as a start or a reload would, says what
/// it holds or why it is rejected, and exits (0 valid, 1 not), as blackbox_exporter's flag of the same name does:
/// for a deployment pipeline or a pre-commit hook, before a reload would keep the old config. With
/// <c>--web.config.file</c> it checks that file too, as <c>promtool check web-config</c> does.
/// </summary>
public static class ConfigCheckCommand
{
    public static async Task<int> RunAsync(string? configFile, string? webConfigFile, TextWriter output, TextWriter error)
    {
        WebConfig.WebSettings? web = null;
        if (webConfigFile is { Length: > 0 })
        {
            try
            {
                web = WebConfig.WebConfigLoader.Load(webConfigFile).Settings;
            }
            catch (WebConfig.WebConfigException e)
            {
                await error.WriteLineAsync(e.Message);
                return 1;
            }
        }

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
        if (web is not null)
        {
            await output.WriteLineAsync(
                $"{webConfigFile}: valid: TLS {(web.Tls is null ? "off" : "on")}, {web.BasicAuthUsers.Count} basic auth user(s)");
        }

        return 0;
    }
}
