using System.Net;
using System.Text;
using Prometheus;
using SshExporter.Metrics;
using SshExporter.Probing;

namespace SshExporter.Tests.Metrics;

public class ExpositionTests
{
    private const string TextType = "text/plain; version=0.0.4; charset=utf-8";
    private const string OpenMetricsType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    [Theory]
    [InlineData(null, ExpositionFormat.PrometheusText, TextType)]
    [InlineData("", ExpositionFormat.PrometheusText, TextType)]
    [InlineData("*/*", ExpositionFormat.PrometheusText, TextType)]
    [InlineData("text/plain; version=0.0.4", ExpositionFormat.PrometheusText, TextType)]
    [InlineData("application/json", ExpositionFormat.PrometheusText, TextType)]
    [InlineData("application/openmetrics-text; version=1.0.0", ExpositionFormat.OpenMetricsText, OpenMetricsType)]
    [InlineData("APPLICATION/OpenMetrics-Text", ExpositionFormat.OpenMetricsText, OpenMetricsType)]
    // q-values count: refused outright, or liked less than plain text, OpenMetrics is not served.
    [InlineData("application/openmetrics-text;q=0, text/plain", ExpositionFormat.PrometheusText, TextType)]
    [InlineData("application/openmetrics-text;q=0.2, text/plain;q=0.9", ExpositionFormat.PrometheusText, TextType)]
    // What Prometheus sends by default.
    [InlineData("application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2", ExpositionFormat.OpenMetricsText, OpenMetricsType)]
    public void OpenMetrics_is_chosen_only_when_the_Accept_header_names_it(string? accept, ExpositionFormat format, string contentType)
    {
        var exposition = Exposition.Negotiate(accept);

        Assert.Equal(format, exposition.Format);
        Assert.Equal(contentType, exposition.ContentType);
    }

    [Fact]
    public async Task Two_registries_in_OpenMetrics_end_in_exactly_one_EOF()
    {
        string text = await WriteAsync(Exposition.OpenMetrics, Registry("first_metric", 1), Registry("second_metric", 2));

        Assert.Equal(1, CountEofLines(text));
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Contains("first_metric 1", text, StringComparison.Ordinal);
        Assert.Contains("second_metric 2", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("first_metric", StringComparison.Ordinal) < text.IndexOf("second_metric", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_registries_before_or_after_add_no_EOF_of_their_own()
    {
        var empty = Prometheus.Metrics.NewCustomRegistry();

        string text = await WriteAsync(Exposition.OpenMetrics, Prometheus.Metrics.NewCustomRegistry(), Registry("only_metric", 3), empty);

        Assert.Equal(1, CountEofLines(text));
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Contains("only_metric 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_registries_in_Prometheus_text_have_no_EOF()
    {
        string text = await WriteAsync(Exposition.Text, Registry("first_metric", 1), Registry("second_metric", 2));

        Assert.Equal(0, CountEofLines(text));
        Assert.Contains("first_metric 1\n", text, StringComparison.Ordinal);
        Assert.Contains("second_metric 2\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText)]
    [InlineData(ExpositionFormat.OpenMetricsText)]
    public async Task Probe_series_sit_between_the_registries_in_order_and_OpenMetrics_ends_once(ExpositionFormat format)
    {
        var exposition = format == ExpositionFormat.OpenMetricsText ? Exposition.OpenMetrics : Exposition.Text;
        var probes = new ProbeResults(["target"], capacity: 1);
        probes.Add(
            new ProbeResult(ProbeOutcome.Refused, null, IPAddress.Loopback, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5), [.. ProbePhases.All.Select(_ => TimeSpan.Zero)]),
            ["127.0.0.1:22"]);
        using var stream = new MemoryStream();

        await exposition.WriteAsync(
            stream, [new RegistryExposition(Registry("own_metric", 1)), probes, new RegistryExposition(Registry("sidecar_metric", 2))], TestContext.Current.CancellationToken);

        string text = Encoding.UTF8.GetString(stream.ToArray());
        int own = text.IndexOf("\nown_metric ", StringComparison.Ordinal);
        int probe = text.IndexOf("\nssh_probe_success{target=\"127.0.0.1:22\"} 0", StringComparison.Ordinal);
        int sidecar = text.IndexOf("\nsidecar_metric ", StringComparison.Ordinal);
        Assert.True(own > 0 && probe > own && sidecar > probe, text);
        Assert.Equal(format == ExpositionFormat.OpenMetricsText ? 1 : 0, CountEofLines(text));
        Assert.EndsWith(format == ExpositionFormat.OpenMetricsText ? "\nsidecar_metric 2.0\n# EOF\n" : "\nsidecar_metric 2\n", text, StringComparison.Ordinal);
    }

    private static CollectorRegistry Registry(string gauge, double value)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge(gauge, "A test gauge.").Set(value);
        return registry;
    }

    private static async Task<string> WriteAsync(Exposition exposition, params CollectorRegistry[] registries)
    {
        using var stream = new MemoryStream();
        await exposition.WriteAsync(stream, [.. registries.Select(registry => new RegistryExposition(registry))], TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int CountEofLines(string text) => text.Split('\n').Count(line => line == "# EOF");
}
