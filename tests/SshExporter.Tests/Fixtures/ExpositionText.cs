using System.Globalization;
using System.Text;
using Prometheus;
using SshExporter.Metrics;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// Reads samples out of a Prometheus text exposition (served over HTTP, or what a registry exports), so tests
/// assert on series rather than on text.
/// </summary>
public static class ExpositionText
{
    public static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static async Task<IReadOnlyList<Sample>> SamplesAsync(CollectorRegistry registry) => Parse(await ExportAsync(registry));

    /// <summary>Probe results as the exporter writes them, in Prometheus text or another format.</summary>
    public static async Task<string> ExportAsync(ProbeResults results, Exposition? exposition = null)
    {
        using var stream = new MemoryStream();
        await (exposition ?? Exposition.Text).WriteAsync(stream, [results], TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static async Task<IReadOnlyList<Sample>> SamplesAsync(ProbeResults results) => Parse(await ExportAsync(results));

    /// <summary>Every sample line; blank lines and comments (<c># HELP</c>, <c># TYPE</c>, <c># EOF</c>) are skipped.</summary>
    public static IReadOnlyList<Sample> Parse(string text) =>
        text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(ParseLine).ToList();

    /// <summary>Every sample as "name{labels}" → value, labels exactly as exposed.</summary>
    public static Dictionary<string, double> Samples(string text) => Parse(text).ToDictionary(s => s.Series, s => s.Value);

    public static double Value(string text, string series)
    {
        var samples = Samples(text);
        Assert.True(samples.TryGetValue(series, out double value), $"series {series} missing from:\n{text}");
        return value;
    }

    /// <summary>The metric family names exposed (from the "# TYPE" lines).</summary>
    public static IReadOnlySet<string> FamilyNames(string text) =>
        text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();

    private static Sample ParseLine(string line)
    {
        int nameEnd = line.IndexOfAny(['{', ' ']);
        string name = line[..nameEnd];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = nameEnd;
        if (line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                int equals = line.IndexOf('=', i);
                string label = line[i..equals];
                var value = new StringBuilder();
                for (i = equals + 2; line[i] != '"'; i++)
                {
                    value.Append(line[i] == '\\' ? Unescape(line[++i]) : line[i]);
                }

                labels.Add(label, value.ToString());
                i += line[i + 1] == ',' ? 2 : 1;
            }

            i++;
        }

        string number = line[(i + 1)..].Split(' ')[0];
        return new Sample(line[..i], name, labels, double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static char Unescape(char escaped) => escaped == 'n' ? '\n' : escaped;
}
