using SshExporter.Probing.Restriction;

namespace SshExporter.Config;

/// <summary>Validates a module's <c>allowed_targets:</c> section; each network and host pattern was checked as it was read.</summary>
internal static class AllowedTargetsSection
{
    /// <summary>The restriction, or null when the module has no <c>allowed_targets:</c> key at all.</summary>
    public static AllowedTargets? Validate(ModuleModel module, string where)
    {
        if (!module.AllowedTargetsGiven)
        {
            return null;
        }

        // Written but empty would read as "allow anything": the opposite of what a restriction is written for.
        var model = module.AllowedTargets;
        if (model is null || model.Written.Count == 0)
        {
            throw new ConfigException($"{where}: is empty; list networks, hosts or ports, or leave allowed_targets out to allow any target");
        }

        foreach (string key in model.Written.Order(StringComparer.Ordinal))
        {
            bool missing = key switch
            {
                "networks" => model.Networks is null,
                "hosts" => model.Hosts is null,
                _ => model.Ports is null,
            };
            if (missing)
            {
                throw new ConfigException($"{where}.{key}: has no value; write [] to allow none, or leave {key} out to allow any");
            }
        }

        if (model.Ports?.FindIndex(port => port is < 1 or > 65535) is >= 0 and int badPort)
        {
            throw new ConfigException($"{where}.ports: port {model.Ports[badPort]} is outside 1-65535");
        }

        return new AllowedTargets
        {
            Networks = model.Networks,
            Hosts = model.Hosts,
            Ports = model.Ports,
        };
    }
}
