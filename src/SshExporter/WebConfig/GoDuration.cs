using System.Globalization;
using System.Text.RegularExpressions;

namespace SshExporter.WebConfig;

/// <summary>Go's <c>time.ParseDuration</c>, which exporter-toolkit's <c>rate_limit.interval</c> is read with: "1s", "250ms", "1m30s", "0".</summary>
internal static partial class GoDuration
{
    [GeneratedRegex(@"^(?:(?<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?<unit>ns|us|µs|μs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var match = Shape().Match(text);
        if (!match.Success)
        {
            return false;
        }

        double ticks = 0;
        for (int i = 0; i < match.Groups["number"].Captures.Count; i++)
        {
            double number = double.Parse(match.Groups["number"].Captures[i].Value, CultureInfo.InvariantCulture);
            ticks += number * match.Groups["unit"].Captures[i].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
