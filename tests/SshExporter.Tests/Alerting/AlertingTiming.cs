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

    /// <summary>
    /// A failed sidecar scrape makes its series stale, which restarts the causes' <c>for:</c> while the remote
    /// symptom keeps counting, so one failed scrape can let a symptom page first. The timeout therefore leaves
    /// every exporter ample room beyond its slowest work (a probe of a hung or firewalled sshd takes the whole
    /// <see cref="ProbeTimeout"/>), also on a machine busy with other tests.
    /// </summary>
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(1);

    /// <summary>The probes' module timeout, remote and loopback: ample for a healthy sshd's banner, half the scrape's timeout.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

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

    /// <summary>Prometheus's duration syntax, whole seconds or milliseconds.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 == 0 ? $"{(long)duration.TotalSeconds}s" : $"{(long)duration.TotalMilliseconds}ms";
}
