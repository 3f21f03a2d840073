using System.Diagnostics.CodeAnalysis;
using SshExporter.WebConfig;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SshExporter.Config;

/// <summary>
/// YamlDotNet's reflection-based builders, for the model classes of the config file and the web config file, with
/// YAML's underscored key names. The one place that uses them: in a Native AOT build reflection sees only what is
/// rooted, so every model class is rooted here with the constructors and properties YamlDotNet reads and writes.
/// YamlDotNet's static generator would need no rooting, but it is published for YamlDotNet 18 only, and a major
/// upgrade of the parser would risk the exact error texts the config tests hold.
/// </summary>
internal static class YamlModelBuilders
{
    private const DynamicallyAccessedMemberTypes ModelMembers =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

    private const string Rooted = "Every type YamlDotNet reflects over is a model class rooted on this method, or a collection of them.";

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Rooted)]
    [DynamicDependency(ModelMembers, typeof(ConfigFileModel))]
    [DynamicDependency(ModelMembers, typeof(ModuleModel))]
    [DynamicDependency(ModelMembers, typeof(TargetModel))]
    [DynamicDependency(ModelMembers, typeof(HostKeyModel))]
    [DynamicDependency(ModelMembers, typeof(AllowedTargetsModel))]
    [DynamicDependency(ModelMembers, typeof(SidecarModel))]
    [DynamicDependency(ModelMembers, typeof(WebConfigFileModel))]
    [DynamicDependency(ModelMembers, typeof(TlsServerConfigModel))]
    [DynamicDependency(ModelMembers, typeof(HttpServerConfigModel))]
    [DynamicDependency(ModelMembers, typeof(RateLimitModel))]
    public static DeserializerBuilder Deserializer() =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance);

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Rooted)]
    [DynamicDependency(ModelMembers, typeof(ConfigFileModel))]
    [DynamicDependency(ModelMembers, typeof(ModuleModel))]
    [DynamicDependency(ModelMembers, typeof(TargetModel))]
    [DynamicDependency(ModelMembers, typeof(HostKeyModel))]
    [DynamicDependency(ModelMembers, typeof(AllowedTargetsModel))]
    [DynamicDependency(ModelMembers, typeof(SidecarModel))]
    public static SerializerBuilder Serializer() =>
        new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance);
}
