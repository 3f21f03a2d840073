using System.Globalization;

namespace SshExporter.Probing;

/// <summary>
/// The time one request may spend probing: Prometheus's scrape timeout (it sends it as a header) less an offset
/// for the HTTP round trip. Parsed once per request; each module's timeout is derived from it by the rule of
/// blackbox_exporter.
/// </summary>
public sealed record ScrapeBudget
{
    public const string Header = "X-Prometheus-Scrape-Timeout-Seconds";

    /// <summary>The scrape timeout assumed when Prometheus sends no header.</summary>
    public static readonly TimeSpan Fallback = TimeSpan.FromSeconds(120);

    public static readonly TimeSpan DefaultOffset = TimeSpan.FromMilliseconds(500);

    /// <summary>No scrape waits for the answer (the <c>probe</c> command): every module gets its own timeout.</summary>
    public static readonly ScrapeBudget Unlimited = new(ModuleSettings.MaxTimeout, TimeSpan.Zero);

    private ScrapeBudget(TimeSpan scrapeTimeout, TimeSpan offset)
    {
        ScrapeTimeout = scrapeTimeout;
        Offset = offset;
    }

    public TimeSpan ScrapeTimeout { get; }

    public TimeSpan Offset { get; }

    /// <summary>All the time the probes of this request have: what a module without a timeout would get.</summary>
    public TimeSpan Total => TimeoutFor(TimeSpan.Zero);

    /// <summary>Returns false with a one-line reason when the header is present but not a positive number.</summary>
    public static bool TryParse(string? header, TimeSpan offset, out ScrapeBudget budget, out string error)
    {
        budget = new ScrapeBudget(Fallback, offset);
        error = "";
        if (string.IsNullOrEmpty(header))
        {
            return true;
        }

        if (!double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds) || seconds <= 0)
        {
            error = $"{Header} {InputExcerpt.Quote(header)} is not a positive number of seconds";
            return false;
        }

        // Beyond an hour nobody means it, and TimeSpan and timers have limits of their own.
        budget = new ScrapeBudget(TimeSpan.FromSeconds(Math.Min(seconds, ModuleSettings.MaxTimeout.TotalSeconds)), offset);
        return true;
    }

    /// <summary>The module's timeout (zero for none), but never more than the scrape timeout less the offset.</summary>
    public TimeSpan TimeoutFor(TimeSpan moduleTimeout)
    {
        TimeSpan budget = ScrapeTimeout - Offset;
        bool moduleIsTighter = moduleTimeout > TimeSpan.Zero && moduleTimeout < budget;
        // An offset larger than the scrape timeout leaves nothing; the module's timeout is then all there is.
        TimeSpan timeout = moduleIsTighter || budget <= TimeSpan.Zero ? moduleTimeout : budget;
        return timeout > TimeSpan.Zero ? timeout : ScrapeTimeout;
    }
}
