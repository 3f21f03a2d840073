using SshExporter.Probing;
using SshExporter.Sidecar;

namespace SshExporter.Config;

/// <summary>Validates the <c>sidecar:</c> section into <see cref="SidecarSettings"/>.</summary>
internal static class SidecarSection
{
    public static SidecarSettings Validate(SidecarModel? model, IReadOnlyDictionary<string, ModuleSettings> modules, string where)
    {
        if (model is null)
        {
            return SidecarSettings.Disabled;
        }

        var defaults = new SidecarSettings();
        var settings = new SidecarSettings
        {
            Enabled = model.Enabled ?? true,
            SshdConfig = AbsolutePath(model.SshdConfig, defaults.SshdConfig, $"{where}.sshd_config"),
            SshdBinary = AbsolutePath(model.SshdBinary, defaults.SshdBinary, $"{where}.sshd_binary"),
            RootFs = AbsolutePath(model.Rootfs, defaults.RootFs, $"{where}.rootfs"),
            ProcFs = AbsolutePath(model.Procfs, defaults.ProcFs, $"{where}.procfs"),
            SystemdUnit = model.SystemdUnit is { } unit ? Bounded(unit, ConfigLimits.MaxUnitNameLength, $"{where}.systemd_unit") : defaults.SystemdUnit,
            ExtraPorts = model.ExtraPorts ?? [],
            LocalProbeModule = model.LocalProbeModule ?? defaults.LocalProbeModule,
            ShowSshdLog = model.ShowSshdLog ?? defaults.ShowSshdLog,
        };

        ConfigLimits.AtMost(settings.ExtraPorts.Count, ConfigLimits.MaxExtraPorts, "ports", $"{where}.extra_ports");
        foreach (int port in settings.ExtraPorts)
        {
            if (port is < 1 or > 65535)
            {
                throw new ConfigException($"{where}.extra_ports: port {port} is outside 1-65535");
            }
        }

        if (!modules.ContainsKey(settings.LocalProbeModule))
        {
            throw new ConfigException($"{where}.local_probe_module: module {InputExcerpt.Quote(settings.LocalProbeModule)} is not defined under modules");
        }

        return settings;
    }

    private static string AbsolutePath(string? value, string fallback, string where)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!Bounded(value, ConfigLimits.MaxPathLength, where).StartsWith('/'))
        {
            throw new ConfigException($"{where}: {InputExcerpt.Quote(value)} must be an absolute path");
        }

        return value;
    }

    private static string Bounded(string value, int max, string where)
    {
        ConfigLimits.AtMostLong(value, max, where);
        return value;
    }
}
