using Microsoft.Extensions.Time.Testing;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing.Sockets;

/// <summary>The prober and its budget, with real sockets on a fake clock: a probe with no slot is the exporter's failure.</summary>
public class ProberSocketBudgetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_probe_that_finds_no_slot_before_its_deadline_fails_locally_not_as_a_connect_timeout()
    {
        var time = new FakeTimeProvider();
        var budget = new SocketBudget(1);
        var prober = new SshProber(time, "test", budget);
        await using var silent = ScriptedPeer.Silent();
        var module = new ModuleSettings();

        // The clock may move only once the holding probe itself has seen its connect finish; the peer's accept
        // alone comes earlier, and a connect still pending when the clock reaches its deadline is a connect timeout.
        var holdingTrace = new ProbeTrace(time);
        var holding = prober.ProbeAsync(new TargetAddress("127.0.0.1", silent.Port), module, TimeSpan.FromSeconds(10), holdingTrace, Token);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(holdingTrace.ToString().Contains("Connected from")), TimeSpan.FromSeconds(30), Token, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(1, silent.Accepted);
        var starved = prober.ProbeAsync(new TargetAddress("127.0.0.1", silent.Port), module, TimeSpan.FromSeconds(1), null, Token);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(budget.Waiting == 1), TimeSpan.FromSeconds(30), Token, TimeSpan.FromMilliseconds(20)));

        time.Advance(TimeSpan.FromSeconds(1));
        var failure = await Assert.ThrowsAsync<LocalProbeFailureException>(() => starved);
        Assert.Equal(LocalFailure.SocketLimit, failure.Reason);
        Assert.Equal(1, silent.Accepted);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(ProbeOutcome.BannerTimeout, (await holding.WaitAsync(TimeSpan.FromSeconds(30), Token)).Outcome);
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public async Task The_slot_is_held_through_the_close_grace_and_given_back_after_it()
    {
        var time = new FakeTimeProvider();
        var budget = new SocketBudget(4);
        var prober = new SshProber(time, "test", budget);
        // Sends a banner and never hangs up: the prober waits out its close grace before it closes.
        await using var lingering = ScriptedPeer.AfterClientIdentification((socket, ct) => Task.Delay(Timeout.Infinite, ct));

        var result = await prober.ProbeAsync(new TargetAddress("127.0.0.1", lingering.Port), new ModuleSettings { ReadKexinit = false }, TimeSpan.FromSeconds(5), null, Token);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal(1, budget.InUse);
        time.Advance(SshProber.CloseGrace);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(budget.InUse == 0), TimeSpan.FromSeconds(30), Token, TimeSpan.FromMilliseconds(20)));
    }
}
