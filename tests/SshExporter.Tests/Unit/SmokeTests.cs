using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Unit;

public class SmokeTests
{
    [Fact]
    public async Task A_closed_loopback_port_is_refused()
    {
        var prober = new SshProber(TimeProvider.System, "test");
        var result = await prober.ProbeAsync(new TargetAddress("127.0.0.1", ClosedPort.Find()), new ModuleSettings(), TimeSpan.FromSeconds(2), null, TestContext.Current.CancellationToken);
        Assert.Equal(ProbeOutcome.Refused, result.Outcome);
    }
}
