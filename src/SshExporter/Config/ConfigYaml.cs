using SshExporter.Probing;
using SshExporter.Sidecar;
using YamlDotNet.Serialization;

namespace SshExporter.Config;

/// <summary>
/// The running configuration as YAML that <see cref="ConfigLoader"/> reads back to the same configuration: the file
/// model the loader parses, filled from the loaded config and written by YamlDotNet, which quotes what needs it.
/// </summary>
public static class ConfigYaml
{
    private static readonly ISerializer Serializer = BuildSerializer();

    /// <summary>All of it, the sidecar section too, after a comment that names where it was loaded from.</summary>
    public static string Write(ExporterConfig config) =>
        $"# loaded from {new string([.. config.Source.Select(c => char.IsControl(c) ? '?' : c)])}\n" + Serializer.Serialize(new ConfigFileModel
        {
            Modules = config.Modules.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => (ModuleModel?)ToModel(m.Value)),
            Targets = [.. config.Targets.Select(ToModel)],
            Sidecar = ToModel(config.Sidecar),
        });

    /// <summary>One module as a mapping of its own, as the debug report shows the module a probe ran with.</summary>
    public static string Module(string name, ModuleSettings module) =>
        Serializer.Serialize(new Dictionary<string, ModuleModel> { [name] = ToModel(module) });

    private static ModuleModel ToModel(ModuleSettings module) => new()
    {
        Timeout = module.Timeout,
        PreferredIpProtocol = module.PreferredIpProtocol,
        IpProtocolFallback = module.IpProtocolFallback,
        ReadKexinit = module.ReadKexinit,
        HostKey = module.HostKey is { } hostKey
            ? new HostKeyModel { Algorithms = [.. hostKey.Algorithms], KnownHosts = hostKey.KnownHosts?.Path }
            : null,
        AllowedTargets = module.AllowedTargets is { } allowed
            ? new AllowedTargetsModel { Networks = allowed.Networks?.ToList(), Hosts = allowed.Hosts?.ToList(), Ports = allowed.Ports?.ToList() }
            : null,
    };

    private static TargetModel? ToModel(TargetConfig target) => new()
    {
        Address = target.Address,
        Module = target.Module,
        Labels = target.Labels.Count > 0 ? new Dictionary<string, string>(target.Labels) : null,
        HostKeyFingerprints = target.HostKeyPins.Count > 0 ? [.. target.HostKeyPins.Select(pin => pin.Fingerprint)] : null,
    };

    private static SidecarModel ToModel(SidecarSettings sidecar) => new()
    {
        Enabled = sidecar.Enabled,
        SshdConfig = sidecar.SshdConfig,
        SshdBinary = sidecar.SshdBinary,
        Rootfs = sidecar.RootFs,
        Procfs = sidecar.ProcFs,
        SystemdUnit = sidecar.SystemdUnit,
        ExtraPorts = [.. sidecar.ExtraPorts],
        LocalProbeModule = sidecar.LocalProbeModule,
        ShowSshdLog = sidecar.ShowSshdLog,
    };

    private static ISerializer BuildSerializer()
    {
        var builder = YamlModelBuilders.Serializer()
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .WithIndentedSequences()
            .DisableAliases();
        foreach (var converter in ScalarConverters.All)
        {
            builder.WithTypeConverter(converter);
        }

        return builder.Build();
    }
}
