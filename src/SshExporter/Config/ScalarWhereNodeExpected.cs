using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace SshExporter.Config;

/// <summary>
/// A single value where the file needs a list or a mapping fails at that value, in the user's terms. YamlDotNet's
/// static reader would take the value as a string and fail later, at the enclosing mapping, with a .NET cast message.
/// </summary>
internal sealed class ScalarWhereNodeExpected : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        // Every list and mapping in the models is a class; every single value is a string or a value type.
        if (reader.Current is Scalar scalar && expectedType.IsClass && expectedType != typeof(string) && expectedType != typeof(object))
        {
            throw new YamlException(scalar.Start, scalar.End, YamlErrorText.ScalarInsteadOf(expectedType));
        }

        value = null;
        return false;
    }
}
