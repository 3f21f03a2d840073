using SshExporter.Metrics;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Metrics;

/// <summary>
/// Prometheus's own linter has nothing to say about the per-target series of every kind of result, in either format.
/// (On a whole OpenMetrics <c>/metrics</c>, promtool 2.42 reads the counters of prometheus-net's registry, whose
/// families OpenMetrics names without <c>_total</c>, as lacking help: its parser knows only the text format.)
/// </summary>
[NeedsPrometheus]
public class DirectExpositionPromtoolTests
{
    [Theory]
    [InlineData(nameof(Exposition.Text))]
    [InlineData(nameof(Exposition.OpenMetrics))]
    public async Task Promtool_finds_nothing_to_complain_about_in_the_probe_series(string format)
    {
        string promtool = Requires.Tool("promtool");
        var labelled = VariedProbeResults.Labelled(hostKeyStage: true);
        var results = new ProbeResults(VariedProbeResults.LabelNames, labelled.Length);
        foreach (var (result, labels) in labelled)
        {
            results.Add(result, labels);
        }

        string body = await ExpositionText.ExportAsync(results, format == nameof(Exposition.Text) ? Exposition.Text : Exposition.OpenMetrics);
        var check = await ExternalCommand.RunAsync(promtool, ["check", "metrics"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken, input: body);
        string findings = check.Stderr + check.Stdout;

        Assert.True(check.ExitCode == 0 && findings.Trim().Length == 0, $"promtool check metrics:\n{findings}\non:\n{body}");
    }
}
