using SshExporter.Config;

namespace SshExporter.Web;

/// <summary><c>GET /config</c>: the running configuration, as YAML that loads back to the same configuration.</summary>
public static class ConfigEndpoint
{
    public static IResult Handle(ConfigStore store) => Results.Text(ConfigYaml.Write(store.Current), "text/plain; charset=utf-8");
}
