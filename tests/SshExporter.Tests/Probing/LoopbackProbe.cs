using System.Diagnostics;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>One real probe of a loopback peer, timed from outside, with its trace written to the test output.</summary>
internal static class LoopbackProbe
{
    /// <summary>Probes <paramref name="peer"/>; the trace goes to <paramref name="trace"/> when the test reads it.</summary>
    public static Task<(ProbeResult Result, TimeSpan Elapsed)> RunAsync(ScriptedPeer peer, TimeSpan timeout, ProbeTrace? trace = null, ModuleSettings? module = null) =>
        RunAsync(new TargetAddress("127.0.0.1", peer.Port), timeout, TestContext.Current.CancellationToken, trace, module);

    public static async Task<(ProbeResult Result, TimeSpan Elapsed)> RunAsync(
        TargetAddress target, TimeSpan timeout, CancellationToken cancellationToken, ProbeTrace? trace = null, ModuleSettings? module = null)
    {
        trace ??= new ProbeTrace(TimeProvider.System);
        var prober = new SshProber(TimeProvider.System, "ssh_exporter_integration_test");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await prober.ProbeAsync(target, (module ?? new ModuleSettings()) with { Timeout = timeout }, timeout, trace, cancellationToken);
            return (result, stopwatch.Elapsed);
        }
        finally
        {
            TestContext.Current.TestOutputHelper?.WriteLine(trace.ToString());
        }
    }
}
