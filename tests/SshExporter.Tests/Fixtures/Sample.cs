namespace SshExporter.Tests.Fixtures;

/// <summary>
/// One sample line of a text exposition: <c>name{label="value",...} value</c>. <see cref="Series"/> is the name
/// and labels exactly as exposed; <see cref="Labels"/> holds the label values unescaped.
/// </summary>
public sealed record Sample(string Series, string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out string? value) ? value : throw new KeyNotFoundException($"{Name} has no label '{name}'");
}
