using System.Diagnostics;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>A peer that accepts and never says a word: the deadline ends the probe, the caller's cancellation aborts it.</summary>
public class SilentPeerTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_silent_peer_is_banner_timeout_close_to_the_timeout_and_never_much_beyond_it()
    {
        var timeout = TimeSpan.FromSeconds(1);
        await using var peer = ScriptedPeer.Silent();

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, timeout);

        Assert.Equal(ProbeOutcome.BannerTimeout, result.Outcome);
        Assert.InRange(result.Duration, timeout * 0.9, timeout + Slack);
        Assert.True(elapsed >= timeout * 0.9, $"the probe took only {elapsed}");
        Assert.Equal(timeout, result.Timeout);
    }

    [Fact]
    public async Task Cancelling_the_caller_while_waiting_for_the_banner_throws_instead_of_blaming_the_target()
    {
        await using var peer = ScriptedPeer.Silent();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        caller.CancelAfter(TimeSpan.FromMilliseconds(300));
        var timeout = TimeSpan.FromSeconds(5);
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", peer.Port), timeout, caller.Token));

        Assert.True(stopwatch.Elapsed < timeout / 2, $"took {stopwatch.Elapsed}: the probe waited for its deadline");
        Assert.Equal(1, peer.Accepted);
    }

    [Fact]
    public async Task A_caller_that_cancelled_before_the_probe_started_gets_an_exception_not_an_outcome()
    {
        await using var peer = ScriptedPeer.Silent();
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", peer.Port), TimeSpan.FromSeconds(5), caller.Token));
    }
}
