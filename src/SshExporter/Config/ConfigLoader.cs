using System.Text.RegularExpressions;
using SshExporter.Probing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SshExporter.Config;

/// <summary>
/// Reads and validates the YAML config. Unknown keys, bad values and broken references are errors that
/// name the file, the line and the key; nothing half-valid is ever returned.
/// </summary>
public static partial class ConfigLoader
{
    public const string EmbeddedDefaultName = "(embedded default)";

    private static readonly IDeserializer Deserializer = BuildDeserializer();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    /// <summary>The file at <paramref name="path"/>, or the embedded default when there is none (no --config.file).</summary>
    public static ExporterConfig Load(string? path) => path is null ? LoadEmbeddedDefault() : LoadFile(path);

    public static ExporterConfig LoadFile(string path) =>
        BoundedFile.TryReadText(path, ConfigLimits.MaxFileBytes, "config file", out string text, out string error)
            ? Parse(text, path)
            : throw new ConfigException($"{path}: {error}");

    public static ExporterConfig LoadEmbeddedDefault()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream("SshExporter.default.yml")
            ?? throw new InvalidOperationException("the embedded default config is missing from the build");
        using var reader = new StreamReader(stream);
        var config = Parse(reader.ReadToEnd(), EmbeddedDefaultName);
        // The default turns the local checks on only where this machine has an sshd to check.
        return config with { Sidecar = config.Sidecar with { Enabled = File.Exists(config.Sidecar.SshdConfig) } };
    }

    public static ExporterConfig Parse(string yaml, string source)
    {
        ConfigFileModel? model;
        using var reader = new StringReader(yaml);
        var parser = new AliasExpansionLimit(new Parser(reader), ConfigLimits.MaxExpandedSize);
        try
        {
            model = Deserializer.Deserialize<ConfigFileModel?>(parser);
        }
        catch (YamlException e)
        {
            throw new ConfigException(YamlErrorText.Describe(e, source), e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ConfigException(YamlErrorText.DescribeUnwrapped(e, parser, source), e);
        }

        // A file cut short or not yet written must not drop every target: no targets is said explicitly.
        if (model is null)
        {
            throw new ConfigException($"{source}: the file has no settings (empty, or only comments or '---'); write `targets: []` for a config with no targets");
        }

        if (model.TargetsGiven && model.Targets is null)
        {
            throw new ConfigException($"{source}: targets: has no value; write `targets: []` for no targets");
        }

        return Validate(model, source);
    }

    private static ExporterConfig Validate(ConfigFileModel model, string source)
    {
        var modules = new Dictionary<string, ModuleSettings>(StringComparer.Ordinal)
        {
            [ExporterConfig.DefaultModuleName] = new ModuleSettings(),
        };
        ConfigLimits.AtMost(model.Modules?.Count ?? 0, ConfigLimits.MaxModules, "modules", $"{source}: modules");
        foreach (var (name, module) in model.Modules ?? [])
        {
            ConfigLimits.AtMostLong(name, ConfigLimits.MaxNameLength, $"{source}: modules: the name");
            modules[name] = ToSettings(module ?? new ModuleModel(), $"{source}: modules.{name}");
        }

        ConfigLimits.AtMost(model.Targets?.Count ?? 0, ConfigLimits.MaxTargets, "targets", $"{source}: targets");
        var targets = new List<TargetConfig>();
        var labelNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (model.Targets?.Count ?? 0); i++)
        {
            string where = $"{source}: targets[{i}]";
            var target = ToTarget(model.Targets![i], modules, where);
            labelNames.UnionWith(target.Labels.Keys);
            ConfigLimits.AtMost(labelNames.Count, ConfigLimits.MaxLabelNames, "label names over this and the targets before it (every series carries every name)", $"{where}.labels");
            targets.Add(target);
        }

        var config = new ExporterConfig(modules, targets, source)
        {
            Sidecar = SidecarSection.Validate(model.Sidecar, modules, $"{source}: sidecar"),
        };
        RejectDuplicateSeries(config);
        return config;
    }

    /// <summary>
    /// Two targets whose series would carry the same labels would overwrite each other. Every series carries
    /// every label name some target sets (empty where a target does not), so that is what is compared.
    /// </summary>
    private static void RejectDuplicateSeries(ExporterConfig config)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < config.Targets.Count; i++)
        {
            var target = config.Targets[i];
            string[] identity = [target.Address.ToString(), .. config.TargetLabelNames.Select(name => target.Labels.GetValueOrDefault(name, ""))];
            if (!seen.Add(string.Join('\0', identity)))
            {
                throw new ConfigException($"{config.Source}: targets[{i}]: {target.Address} is listed twice with the same labels");
            }
        }
    }

    private static ModuleSettings ToSettings(ModuleModel module, string where)
    {
        var settings = new ModuleSettings();
        if (module.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > ModuleSettings.MaxTimeout))
        {
            throw new ConfigException($"{where}.timeout: must be more than 0 and at most {PrometheusDuration.Format(ModuleSettings.MaxTimeout)}");
        }

        return settings with
        {
            Timeout = module.Timeout ?? settings.Timeout,
            PreferredIpProtocol = module.PreferredIpProtocol ?? settings.PreferredIpProtocol,
            IpProtocolFallback = module.IpProtocolFallback ?? settings.IpProtocolFallback,
            ReadKexinit = module.ReadKexinit ?? settings.ReadKexinit,
            HostKey = HostKeySection.Validate(module, $"{where}.host_key"),
            AllowedTargets = AllowedTargetsSection.Validate(module, $"{where}.allowed_targets"),
        };
    }

    private static TargetConfig ToTarget(TargetModel? target, Dictionary<string, ModuleSettings> modules, string where)
    {
        if (target?.Address is null)
        {
            throw new ConfigException($"{where}.address: missing; every target needs an address (host:port)");
        }

        string module = target.Module ?? ExporterConfig.DefaultModuleName;
        if (!modules.TryGetValue(module, out var moduleSettings))
        {
            throw new ConfigException($"{where}.module: module {InputExcerpt.Quote(module)} is not defined under modules");
        }

        var labels = target.Labels ?? [];
        foreach (var (name, value) in labels)
        {
            ConfigLimits.AtMostLong(name, ConfigLimits.MaxNameLength, $"{where}.labels: the name");
            if (!LabelName().IsMatch(name) || name.StartsWith("__", StringComparison.Ordinal) || Metrics.ProbeFamilies.ReservedLabelNames.Contains(name))
            {
                throw new ConfigException($"{where}.labels: {InputExcerpt.Quote(name)} cannot be a label name (letters, digits, '_'; not 'target' or '__' reserved names)");
            }

            if (value is null)
            {
                throw new ConfigException($"{where}.labels.{name}: has no value; write {name}: \"\" for an empty one");
            }

            ConfigLimits.AtMostLong(value, ConfigLimits.MaxLabelValueLength, $"{where}.labels.{name}");
        }

        return new TargetConfig(target.Address, module, labels)
        {
            HostKeyPins = HostKeySection.Pins(target.HostKeyFingerprints, module, moduleSettings, where),
        };
    }

    private static IDeserializer BuildDeserializer()
    {
        var builder = YamlModelBuilders.Deserializer().WithDuplicateKeyChecking();
        foreach (var converter in ScalarConverters.All)
        {
            builder.WithTypeConverter(converter);
        }

        return builder.Build();
    }
}
