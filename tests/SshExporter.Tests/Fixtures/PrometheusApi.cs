using System.Globalization;
using System.Text.Json;

namespace SshExporter.Tests.Fixtures;

/// <summary>One series of an instant query's result.</summary>
public sealed record QueriedSeries(IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A target as <c>/api/v1/targets</c> lists it: the labels service discovery gave it (with <c>job</c>), and its
/// labels after relabelling, which a dropped target has none of.
/// </summary>
public sealed record ScrapeTarget(IReadOnlyDictionary<string, string> DiscoveredLabels, IReadOnlyDictionary<string, string>? Labels)
{
    public bool IsDropped => Labels is null;
}

/// <summary>Instant queries and the scrape targets of a real Prometheus's HTTP API, however the client reaches it.</summary>
public sealed class PrometheusApi(HttpClient http)
{
    /// <summary>
    /// Asks once: the series <paramref name="promql"/> returns, or null while Prometheus gives no result (still
    /// starting, slow, or the query is bad); the answer says which. For polls, which ask again.
    /// </summary>
    public async Task<(IReadOnlyList<QueriedSeries>? Series, HttpAnswer Answer)> TryQueryAsync(string promql, CancellationToken cancellationToken) =>
        Read(await HttpAnswer.GetAsync(http, QueryPath(promql), cancellationToken));

    /// <summary>Asks again while Prometheus gives no result; fails the test, with Prometheus's last answer, after <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<QueriedSeries>> QueryAsync(string promql, TimeSpan limit, CancellationToken cancellationToken)
    {
        var (series, answer) = Read(await HttpAnswer.GetPatientlyAsync(http, QueryPath(promql), limit, cancellationToken));
        Assert.True(series is not null, $"Prometheus gave no result for {promql}: {answer}");
        return series;
    }

    /// <summary>
    /// Asks once: every target Prometheus has, active and dropped, or null while it gives no answer; the answer
    /// says which. Prometheus applies what discovery found every few seconds, so a poll asks again.
    /// </summary>
    public async Task<(IReadOnlyList<ScrapeTarget>? Targets, HttpAnswer Answer)> TryTargetsAsync(CancellationToken cancellationToken)
    {
        var answer = await HttpAnswer.GetAsync(http, "/api/v1/targets", cancellationToken);
        if (!answer.IsSuccess)
        {
            return (null, answer);
        }

        using var document = JsonDocument.Parse(answer.Body);
        var data = document.RootElement.GetProperty("data");
        return ([
            .. data.GetProperty("activeTargets").EnumerateArray().Select(target =>
                new ScrapeTarget(JsonLabels.Read(target.GetProperty("discoveredLabels")), JsonLabels.Read(target.GetProperty("labels")))),
            .. data.GetProperty("droppedTargets").EnumerateArray().Select(target =>
                new ScrapeTarget(JsonLabels.Read(target.GetProperty("discoveredLabels")), null)),
        ], answer);
    }

    private static string QueryPath(string promql) => $"/api/v1/query?query={Uri.EscapeDataString(promql)}";

    private static (IReadOnlyList<QueriedSeries>? Series, HttpAnswer Answer) Read(HttpAnswer answer)
    {
        if (!answer.IsSuccess)
        {
            return (null, answer);
        }

        using var document = JsonDocument.Parse(answer.Body);
        return ([.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => new QueriedSeries(
            JsonLabels.Read(series.GetProperty("metric")),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))], answer);
    }
}
