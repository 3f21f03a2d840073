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

        long ticks = 0;
        for (int unit = 0; unit < UnitLengths.Length; unit++)
        {
            var group = match.Groups[unit + 1];
            if (group.Success)
            {
                long unitTicks = UnitLengths[unit].Ticks;
                // Longer than a TimeSpan holds (about 29,000 years) is out of range: false, never an OverflowException.
                if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long count)
                    || count > (TimeSpan.MaxValue.Ticks - ticks) / unitTicks)
                {
                    return false;
                }

                ticks += count * unitTicks;
            }
        }

        duration = TimeSpan.FromTicks(ticks);
        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMilliseconds}ms");
}
