using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Restriction;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace SshExporter.Config;

/// <summary>
/// Reads one YAML scalar into a typed value, or fails with the scalar's position and a reason,
/// so a bad duration, address or IP family is reported at its line; writes it back as the same text.
/// </summary>
internal sealed class ScalarConverter<T>(ScalarConverter<T>.TryParseScalar parse, Func<T, string> format) : IYamlTypeConverter
    where T : notnull
{
    public delegate bool TryParseScalar(string text, out T? value, out string error);

    public bool Accepts(Type type) => type == typeof(T) || Nullable.GetUnderlyingType(type) == typeof(T);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (scalar.Value.Length > ConfigLimits.MaxTypedScalarLength)
        {
            throw new YamlException(scalar.Start, scalar.End, $"a value of {scalar.Value.Length} characters is longer than this setting can be (at most {ConfigLimits.MaxTypedScalarLength})");
        }

        if (!parse(scalar.Value, out var value, out string error))
        {
            throw new YamlException(scalar.Start, scalar.End, error);
        }

        return value;
    }

    // Style "any": the emitter writes it plain where YAML allows, quoted where it does not ("[::1]:22").
    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(format((T)value!)));
}

internal static class ScalarConverters
{
    public static IEnumerable<IYamlTypeConverter> All { get; } =
    [
        new ScalarConverter<TimeSpan>(ParseDuration, PrometheusDuration.Format),
        new ScalarConverter<IpProtocol>(ParseIpProtocol, protocol => protocol.ToString().ToLowerInvariant()),
        new ScalarConverter<TargetAddress>(TargetAddress.TryParse!, address => address.ToString()),
        new ScalarConverter<HostKeyAlgorithm>(HostKeyAlgorithm.TryParse!, algorithm => algorithm.Name),
        new ScalarConverter<HostKeyFingerprint>(HostKeyFingerprint.TryParse!, fingerprint => fingerprint.Text),
        new ScalarConverter<System.Net.IPNetwork>(TargetNetwork.TryParse, network => network.ToString()),
        new ScalarConverter<HostPattern>(HostPattern.TryParse!, pattern => pattern.Text),
    ];

    private static bool ParseDuration(string text, out TimeSpan value, out string error)
    {
        error = PrometheusDuration.TryParse(text, out value) ? "" : $"'{text}' is not a duration (examples: 5s, 1m30s, 500ms)";
        return error.Length == 0;
    }

    private static bool ParseIpProtocol(string text, out IpProtocol value, out string error)
    {
        (value, error) = text switch
        {
            "ip4" => (IpProtocol.Ip4, ""),
            "ip6" => (IpProtocol.Ip6, ""),
            _ => (IpProtocol.Ip4, $"'{text}' is not an IP protocol (ip4 or ip6)"),
        };
        return error.Length == 0;
    }
}
