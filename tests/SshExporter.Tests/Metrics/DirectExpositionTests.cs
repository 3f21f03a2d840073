using System.Text;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Metrics.RegistryReference;

namespace SshExporter.Tests.Metrics;

/// <summary>
/// The exposition written straight from probe results is, line for line and in both formats, what the prometheus-net
/// registry path wrote for the same results: families, HELP and TYPE, label names and order, escaping, value
/// formatting, and OpenMetrics' one "# EOF". The series of a family come in the order the results were gathered on
/// both sides (prometheus-net keeps insertion order), so nothing is sorted before comparing.
/// </summary>
public class DirectExpositionTests
{
    public static TheoryData<string, bool> Formats => new()
    {
        { nameof(Exposition.Text), false },
        { nameof(Exposition.OpenMetrics), false },
        { nameof(Exposition.Text), true },
        { nameof(Exposition.OpenMetrics), true },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_kind_of_result_of_a_metrics_scrape_is_written_as_the_registry_wrote_it(string format, bool hostKeyStage)
    {
        await AssertSameAsRegistryAsync(format, VariedProbeResults.LabelNames, VariedProbeResults.Labelled(hostKeyStage));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_lone_probe_without_target_labels_is_written_as_the_registry_wrote_it(string format, bool hostKeyStage)
    {
        foreach (var result in VariedProbeResults.All(hostKeyStage))
        {
            await AssertSameAsRegistryAsync(format, [], [(result, [])]);
        }
    }

    [Theory]
    [InlineData(nameof(Exposition.Text))]
    [InlineData(nameof(Exposition.OpenMetrics))]
    public async Task Without_any_result_the_families_are_declared_as_the_registry_declared_them(string format)
    {
        await AssertSameAsRegistryAsync(format, ["target"], []);
    }

    private static async Task AssertSameAsRegistryAsync(string format, string[] labelNames, (ProbeResult Result, string[] Labels)[] results)
    {
        var exposition = format == nameof(Exposition.Text) ? Exposition.Text : Exposition.OpenMetrics;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var reference = new RegistryProbeMetricsWriter(registry, labelNames);
        var direct = new ProbeResults(labelNames, results.Length);
        foreach (var (result, labels) in results)
        {
            reference.Write(result, labels);
            direct.Add(result, labels);
        }

        using var expected = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(expected, exposition.Format, TestContext.Current.CancellationToken);
        string written = await ExpositionText.ExportAsync(direct, exposition);

        // Line by line first, so that a difference shows where it is.
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()).Split('\n'), written.Split('\n'));
        Assert.Equal(expected.ToArray(), Encoding.UTF8.GetBytes(written));
    }
}
