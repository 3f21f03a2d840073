using SshExporter.Config;

namespace SshExporter.Cli;

/// <summary>The configuration of a one-shot command: a file that does not load is a usage error, said in one line.</summary>
internal static class CommandLineConfig
{
    public static async Task<ExporterConfig?> LoadAsync(string? configFile, TextWriter error)
    {
        try
        {
            return ConfigLoader.Load(configFile);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync(e.Message);
            return null;
        }
    }
}
