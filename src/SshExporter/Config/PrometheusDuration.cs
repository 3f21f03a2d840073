using System.Globalization;
using System.Text.RegularExpressions;

namespace SshExporter.Config;

/// <summary>Durations written as Prometheus writes them: <c>5s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>.</summary>
public static partial class PrometheusDuration
{
    [GeneratedRegex(@"^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    private static readonly TimeSpan[] UnitLengths =
    [
        TimeSpan.FromDays(365), TimeSpan.FromDays(7), TimeSpan.FromDays(1),
        TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        for (int unit = 0; unit < UnitLengths.Length; unit++)
        {
            var group = match.Groups[unit + 1];
            if (group.Success)
            {
                if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count > 100_000_000)
                {
                    return false;
                }

                duration += UnitLengths[unit] * count;
            }
        }

        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMilliseconds}ms");
}
