using System.Globalization;
using System.Text;
using Prometheus;

namespace SshExporter.Tests.Unit;

/// <summary>One sample line of a text exposition: <c>name{label="value",...} value</c>.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out string? value) ? value : throw new KeyNotFoundException($"{Name} has no label '{name}'");
}

/// <summary>Reads what a registry exports back into samples, so tests assert on series rather than on text.</summary>
internal static class ExpositionText
{
    public static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static async Task<IReadOnlyList<Sample>> SamplesAsync(CollectorRegistry registry) => Parse(await ExportAsync(registry));

    public static IReadOnlyList<Sample> Parse(string text) =>
        text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(ParseLine).ToList();

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
        return new Sample(name, labels, double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static char Unescape(char escaped) => escaped == 'n' ? '\n' : escaped;
}
