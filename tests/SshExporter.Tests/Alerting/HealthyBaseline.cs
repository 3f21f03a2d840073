using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>The state the faults break, as Prometheus sees it: every probe answered by sshd, every sidecar scraped and seeing sshd run.</summary>
public static class HealthyBaseline
{
    /// <summary>
    /// Asks Prometheus until it sees the baseline (true) or <paramref name="limit"/> passes (false); a slow or
    /// failed answer is asked again. <c>Seen</c> says what each query gave last, for the failure message.
    /// </summary>
    public static async Task<(bool Reached, string Seen)> WaitAsync(
        PrometheusServer prometheus, int servers, int sidecars, TimeSpan limit, CancellationToken cancellationToken)
    {
        (string Query, int Expected)[] healthy =
        [
            ("ssh_probe_success == 1", servers),
            ($"up{{job=\"{PrometheusConfig.SidecarJob}\"}} == 1", sidecars),
            ("sshd_local_probe_success == 1", sidecars),
        ];
        string[] seen = new string[healthy.Length];
        bool reached = await Poll.UntilAsync(async () =>
        {
            bool all = true;
            for (int i = 0; i < healthy.Length; i++)
            {
                var (series, answer) = await prometheus.TryQueryAsync(healthy[i].Query, cancellationToken);
                seen[i] = series is null ? answer.ToString() : $"{healthy[i].Query}: {series.Count} series, {healthy[i].Expected} expected";
                all &= series?.Count == healthy[i].Expected;
            }

            return all;
        }, limit, cancellationToken);
        return (reached, string.Join("\n", seen));
    }
}
