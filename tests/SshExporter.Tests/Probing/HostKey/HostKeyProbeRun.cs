using Microsoft.Extensions.Logging.Abstractions;
using SshExporter.Probing;
using SshExporter.Probing.HostKey;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>
/// One probe through the exporter's own pipeline, as <c>/probe</c> runs it (or a <c>/metrics</c> target, with its
/// pins): its result, the series it wrote and its debug trace, which also goes to the test output.
/// </summary>
internal sealed record HostKeyProbeRun(ProbeResult Result, string Exposition, string Trace)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static ModuleSettings Module(params HostKeyAlgorithm[] algorithms) =>
        new() { Timeout = Timeout, HostKey = algorithms.Length == 0 ? new HostKeySettings() : new HostKeySettings { Algorithms = algorithms } };

    public static async Task<HostKeyProbeRun> RunAsync(
        string target, ModuleSettings module, IReadOnlyList<HostKeyPin>? pins = null, CancellationToken? cancellationToken = null)
    {
        var trace = new ProbeTrace(TimeProvider.System);
        var pipeline = new ProbePipeline(new SshProber(TimeProvider.System, "ssh_exporter_host_key_test"), NullLogger<ProbePipeline>.Instance);
        Assert.True(TargetAddress.TryParse(target, out var address, out string error), error);
        var job = new ProbeJob(address!, "host_key_test", module, module.Timeout, []) { HostKeyPins = pins ?? [] };
        try
        {
            var (result, series) = await pipeline.RunAloneAsync(job, trace, cancellationToken ?? TestContext.Current.CancellationToken);
            return new HostKeyProbeRun(result, await ExpositionText.ExportAsync(series), trace.ToString());
        }
        finally
        {
            TestContext.Current.TestOutputHelper?.WriteLine(trace.ToString());
        }
    }

    public double Value(string series) => ExpositionText.Value(Exposition, series);

    public bool Has(string metric) => ExpositionText.Parse(Exposition).Any(sample => sample.Name == metric);

    public static string InfoSeries(string type, string fingerprint) => $"ssh_host_key_info{{type=\"{type}\",fingerprint_sha256=\"{fingerprint}\"}}";
}
