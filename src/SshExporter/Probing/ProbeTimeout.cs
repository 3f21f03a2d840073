using System.Globalization;

namespace SshExporter.Probing;

/// <summary>
/// The time a probe may take: the scrape's own timeout (Prometheus sends it as a header) less an offset
/// for the HTTP round trip, capped by the module's timeout. The rule of blackbox_exporter.
/// </summary>
public static class ProbeTimeout
{
    public const string ScrapeTimeoutHeader = "X-Prometheus-Scrape-Timeout-Seconds";

    /// <summary>Used when Prometheus sends no header and the module sets no timeout.</summary>
    public static readonly TimeSpan Fallback = TimeSpan.FromSeconds(120);

    public static readonly TimeSpan DefaultOffset = TimeSpan.FromMilliseconds(500);

    /// <summary>Returns false with a one-line reason when the header is not a positive number.</summary>
    public static bool TryCompute(string? scrapeTimeoutHeader, TimeSpan moduleTimeout, TimeSpan offset, out TimeSpan timeout, out string error)
    {
        timeout = TimeSpan.Zero;
        error = "";
        TimeSpan scrapeTimeout = Fallback;
        if (!string.IsNullOrEmpty(scrapeTimeoutHeader))
        {
            if (!double.TryParse(scrapeTimeoutHeader, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                || !double.IsFinite(seconds) || seconds <= 0)
            {
                error = $"{ScrapeTimeoutHeader} '{scrapeTimeoutHeader}' is not a positive number of seconds";
                return false;
            }

            // Beyond an hour nobody means it, and TimeSpan and timers have limits of their own.
            scrapeTimeout = TimeSpan.FromSeconds(Math.Min(seconds, ModuleSettings.MaxTimeout.TotalSeconds));
        }

        TimeSpan budget = scrapeTimeout - offset;
        bool moduleIsTighter = moduleTimeout > TimeSpan.Zero && moduleTimeout < budget;
        // An offset larger than the scrape timeout leaves nothing; the module's timeout is then all there is.
        timeout = moduleIsTighter || budget <= TimeSpan.Zero ? moduleTimeout : budget;
        if (timeout <= TimeSpan.Zero)
        {
            timeout = scrapeTimeout;
        }

        return true;
    }
}
