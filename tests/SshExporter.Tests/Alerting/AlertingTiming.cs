namespace SshExporter.Tests.Alerting;

/// <summary>
/// The clock of the test environment: Prometheus and Alertmanager as shipped, only faster. Every duration of the
/// rules (<c>for:</c> and range selectors) is divided by one factor, so the shipped order holds (causes 2m → 12s
/// before symptoms 4m → 24s; the local view read over 2m → 12s, three scrapes),
/// and the shipped margin between them (symptom for ≥ cause for + scrape interval + evaluation interval) holds too.
/// </summary>
public static class AlertingTiming
{
    public const int TimeDivisor = 10;

    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A sidecar scrape that times out leaves its series out for that scrape: the rules read what rules a cause
    /// out as it is now, so a missed scrape can hold a cause back, or leave a look-alike pending when the test
    /// looks. The timeout therefore leaves every exporter ample room beyond its slowest work, also on a machine
    /// busy with other tests: four times <see cref="ProbeTimeout"/>, which bounds both a /probe of a hung or
    /// firewalled sshd and a sidecar scrape (its checks all run at once within it). As long as the interval,
    /// the most Prometheus allows.
    /// </summary>
    public static readonly TimeSpan ScrapeTimeout = ScrapeInterval;

    public static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The probes' module timeout, remote and loopback, and so the sidecar's budget for its checks: a healthy
    /// sshd's banner, <c>sshd -t</c> and <c>iptables-save</c> each take well under a tenth of it here.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Prometheus's <c>--rules.alert.resend-delay</c>: without it the first notification waits a minute.</summary>
    public static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan GroupWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan GroupInterval = TimeSpan.FromSeconds(2);

    /// <summary>The shipped symptoms' <c>for: 4m</c>, scaled.</summary>
    public static readonly TimeSpan SymptomFor = TimeSpan.FromMinutes(4) / TimeDivisor;

    /// <summary>
    /// How long after the last cause paged a page that should not come (a symptom the inhibition failed to
    /// hold back) would still arrive: the symptom's for, Alertmanager's group wait, one resend, and a margin
    /// for a scrape and an evaluation that land late and for delivery.
    /// </summary>
    public static readonly TimeSpan QuietPeriod = SymptomFor + GroupWait + ResendDelay + TimeSpan.FromSeconds(5);
}
