using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>
/// Real sshd turning the prober away, with its own notice before it hangs up: PerSourcePenalties (OpenSSH 9.8 and
/// later, so the built 10.0 only) and MaxStartups (both). Each is <c>throttled</c>: not another service on the port
/// (banner_invalid), not an ordinary close.
/// </summary>
[NeedsSshd]
[NeedsExporterBinary]
public class SshdRefusalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(5);

    /// <summary>How long sshd takes to apply the penalty: it does when it reaps the session process, just after that logs the close.</summary>
    private static readonly TimeSpan PenaltyLimit = TimeSpan.FromSeconds(5);

    /// <summary>Above PerSourcePenalties' default min:15s, so one connection that leaves without authenticating blocks its source at once.</summary>
    private const string PenaltyForLeavingUnauthenticated = "PerSourcePenalties noauth:30s";

    [Fact]
    public async Task A_source_that_sshd_penalises_is_throttled_after_a_successful_first_probe()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Built, [PenaltyForLeavingUnauthenticated], cancellationToken);
        var target = new TargetAddress("127.0.0.1", sshd.Port);

        // A fresh sshd serves the first probe, which leaves before authenticating: that earns the penalty.
        var (first, _) = await LoopbackProbe.RunAsync(target, Timeout, cancellationToken);
        Assert.Equal(ProbeOutcome.Success, first.Outcome);
        await sshd.WaitForLogAsync("[preauth]", LogLimit, cancellationToken);

        var outcomes = new List<ProbeOutcome>();
        await Poll.UntilAsync(async () =>
        {
            var (result, _) = await LoopbackProbe.RunAsync(target, Timeout, cancellationToken);
            outcomes.Add(result.Outcome);
            return result.Outcome != ProbeOutcome.Success;
        }, PenaltyLimit, cancellationToken, TimeSpan.FromMilliseconds(20));

        // Until sshd applied the penalty a probe may still succeed; then the first other outcome must be throttled.
        Assert.Equal(ProbeOutcome.Throttled, outcomes[^1]);
        string log = sshd.ReadLog();
        Assert.Contains("drop connection #0 from [127.0.0.1]", log, StringComparison.Ordinal);
        Assert.Contains("penalty: connections without attempting authentication", log, StringComparison.Ordinal);

        // The exporter's own report names it so, while the penalty lasts.
        var report = await ProbeCli.RunAsync(sshd.Target, cancellationToken);
        Assert.True(report.OutcomesSet is ["throttled"], $"outcomes set: [{string.Join(", ", report.OutcomesSet)}]\n{report.Run}");
        Assert.Equal(0, report.Value("ssh_probe_success"));
    }

    /// <summary>What the runbook advises: the prober's address on sshd's PerSourcePenaltyExemptList earns no penalty.</summary>
    [Fact]
    public async Task A_prober_on_the_PerSourcePenaltyExemptList_is_not_throttled()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var sshd = await SshdFixture.StartAsync(
            OpenSsh.Built, [PenaltyForLeavingUnauthenticated, "PerSourcePenaltyExemptList 127.0.0.1"], cancellationToken);
        var target = new TargetAddress("127.0.0.1", sshd.Port);

        var (first, _) = await LoopbackProbe.RunAsync(target, Timeout, cancellationToken);
        await sshd.WaitForLogAsync("[preauth]", LogLimit, cancellationToken);
        // Without the exemption the first of these is throttled (the test above).
        var outcomes = new List<ProbeOutcome> { first.Outcome };
        for (int i = 0; i < 5; i++)
        {
            await Task.Delay(20, cancellationToken);
            outcomes.Add((await LoopbackProbe.RunAsync(target, Timeout, cancellationToken)).Result.Outcome);
        }

        Assert.All(outcomes, outcome => Assert.Equal(ProbeOutcome.Success, outcome));
        Assert.DoesNotContain("drop connection", sshd.ReadLog(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Sshd_over_its_MaxStartups_limit_is_throttled(string openssh)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), ["MaxStartups 1"], cancellationToken);
        // One connection that never identifies itself holds the only unauthenticated slot.
        using var hog = await SilentClient.ConnectAsync(sshd.Port, cancellationToken);
        Assert.StartsWith("SSH-2.0-", hog.Identification, StringComparison.Ordinal);

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, cancellationToken);

        Assert.Equal(ProbeOutcome.Throttled, result.Outcome);
        string log = sshd.ReadLog();
        Assert.Contains("drop connection #1 from [127.0.0.1]", log, StringComparison.Ordinal);
        Assert.Contains("maxstartups", log, StringComparison.OrdinalIgnoreCase);
    }
}
