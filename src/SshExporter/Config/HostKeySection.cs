using SshExporter.Probing;
using SshExporter.Probing.HostKey;

namespace SshExporter.Config;

/// <summary>Validates a module's <c>host_key:</c> section and a target's <c>host_key_fingerprints</c>.</summary>
internal static class HostKeySection
{
    /// <summary>The stage's settings, or null when the module has no <c>host_key:</c> key at all.</summary>
    public static HostKeySettings? Validate(ModuleModel module, string where)
    {
        if (!module.HostKeyGiven)
        {
            return null;
        }

        // "host_key:" with nothing after it turns the stage on with its defaults, as "host_key: {}" does.
        var model = module.HostKey ?? new HostKeyModel();
        var settings = new HostKeySettings();
        if (model.Algorithms is { } algorithms)
        {
            if (algorithms.Count == 0)
            {
                throw new ConfigException($"{where}.algorithms: is empty; leave it out for the default order ({string.Join(", ", HostKeyAlgorithm.Default)})");
            }

            if (algorithms.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new ConfigException($"{where}.algorithms: '{twice.Key}' is listed twice");
            }

            settings = settings with { Algorithms = algorithms };
        }

        if (model.KnownHosts is { } path)
        {
            ConfigLimits.AtMostLong(path, ConfigLimits.MaxPathLength, $"{where}.known_hosts");
            if (!path.StartsWith('/'))
            {
                throw new ConfigException($"{where}.known_hosts: {InputExcerpt.Quote(path)} must be an absolute path");
            }

            if (!KnownHostsFile.TryLoad(path, out var file, out string error))
            {
                throw new ConfigException($"{where}.known_hosts: {error}");
            }

            settings = settings with { KnownHosts = file };
        }

        return settings;
    }

    /// <summary>A target's fingerprints as pins that name where they were written; only a module with a host key stage checks them.</summary>
    public static IReadOnlyList<HostKeyPin> Pins(List<HostKeyFingerprint>? fingerprints, string module, ModuleSettings settings, string where)
    {
        if (fingerprints is null)
        {
            return [];
        }

        ConfigLimits.AtMost(fingerprints.Count, ConfigLimits.MaxHostKeyFingerprints, "fingerprints", $"{where}.host_key_fingerprints");
        if (settings.HostKey is null)
        {
            throw new ConfigException($"{where}.host_key_fingerprints: module '{module}' has no host_key section, so nothing would check them");
        }

        return [.. fingerprints.Select((fingerprint, i) => new HostKeyPin(fingerprint, $"{where}.host_key_fingerprints[{i}]"))];
    }
}
