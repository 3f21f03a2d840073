using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>
/// sshd's own words before it drops a connection it will not serve (PerSourcePenalties, MaxStartups) are sshd
/// throttling the prober: neither another service on the port nor an ordinary close. The real sshds' notices are
/// proven in SshdRefusalTests; these pin the exact lines and what must not be taken for them.
/// </summary>
public class SshdRefusalNoticeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    [Theory]
    [InlineData("Not allowed at this time\r\n")]
    [InlineData("Exceeded MaxStartups\r\n")]
    [InlineData("Exceeded MaxStartups\n")]
    public async Task A_notice_then_a_hang_up_is_throttled(string notice)
    {
        await using var peer = ScriptedPeer.SendsAndHangsUp(notice);

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Throttled, result.Outcome);
        Assert.False(result.Success);
    }

    /// <summary>The notice decides at once: a peer that keeps the connection open does not make the probe wait.</summary>
    [Fact]
    public async Task A_notice_is_enough_without_waiting_for_the_hang_up()
    {
        await using var peer = ScriptedPeer.Sends("Not allowed at this time\r\n");

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Throttled, result.Outcome);
        Assert.True(elapsed < Timeout / 2, $"took {elapsed}");
    }

    [Theory]
    [InlineData("Not allowed at this time, try later\r\n")]
    [InlineData("not allowed at this time\r\n")]
    [InlineData("421 Exceeded MaxStartups\r\n")]
    public async Task Other_words_alike_are_another_service(string line)
    {
        await using var peer = ScriptedPeer.SendsAndHangsUp(line);

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.BannerInvalid, result.Outcome);
    }

    [Fact]
    public async Task The_debug_trace_quotes_the_notice()
    {
        await using var peer = ScriptedPeer.Sends("Exceeded MaxStartups\r\n");
        var trace = new ProbeTrace(TimeProvider.System);

        await LoopbackProbe.RunAsync(peer, Timeout, trace);

        Assert.Contains("sshd turned this connection away: \"Exceeded MaxStartups\"", trace.ToString(), StringComparison.Ordinal);
    }
}
