using System.Globalization;
using System.Text.RegularExpressions;

namespace SshExporter.Tests.EndToEnd;

/// <summary>Reads samples out of a Prometheus text exposition, for assertions.</summary>
public static partial class Exposition
{
    [GeneratedRegex(@"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?) (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    /// <summary>Every sample as "name{labels}" → value, labels exactly as exposed.</summary>
    public static Dictionary<string, double> Samples(string text) =>
        Sample().Matches(text).ToDictionary(
            m => m.Groups["series"].Value,
            m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    public static double Value(string text, string series)
    {
        var samples = Samples(text);
        Assert.True(samples.TryGetValue(series, out double value), $"series {series} missing from:\n{text}");
        return value;
    }

    /// <summary>The metric family names exposed (from the "# TYPE" lines).</summary>
    public static IReadOnlySet<string> FamilyNames(string text) =>
        text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
}
