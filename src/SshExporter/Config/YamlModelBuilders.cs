using SshExporter.WebConfig;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace SshExporter.Config;

/// <summary>
/// YamlDotNet's builders for the model classes of the config file and the web config file, with YAML's underscored
/// key names. They read and write through code that YamlDotNet's static generator writes for <see cref="YamlModels"/>
/// at build time, not through reflection, which a trimmed Native AOT binary could not follow.
/// </summary>
internal static class YamlModelBuilders
{
    private static readonly YamlModels Models = new();

    public static StaticDeserializerBuilder Deserializer() =>
        new StaticDeserializerBuilder(Models)
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithNodeDeserializer(new ScalarWhereNodeExpected(), where => where.Before<ScalarNodeDeserializer>());

    public static StaticSerializerBuilder Serializer() =>
        new StaticSerializerBuilder(Models).WithNamingConvention(UnderscoredNamingConvention.Instance);
}

/// <summary>
/// Every class YamlDotNet reads or writes as a mapping; the generator writes their factories and type inspectors. The
/// typed scalars in them (addresses, durations, fingerprints) are not listed: <see cref="ScalarConverters"/> reads and
/// writes those, so the generator's YDNG001 ("type not registered") is off in the project file.
/// </summary>
[YamlStaticContext]
[YamlSerializable(typeof(ConfigFileModel))]
[YamlSerializable(typeof(ModuleModel))]
[YamlSerializable(typeof(TargetModel))]
[YamlSerializable(typeof(HostKeyModel))]
[YamlSerializable(typeof(AllowedTargetsModel))]
[YamlSerializable(typeof(SidecarModel))]
[YamlSerializable(typeof(WebConfigFileModel))]
[YamlSerializable(typeof(TlsServerConfigModel))]
[YamlSerializable(typeof(HttpServerConfigModel))]
[YamlSerializable(typeof(RateLimitModel))]
public partial class YamlModels : StaticContext;
