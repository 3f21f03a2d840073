using System.Net;
using System.Net.Sockets;
using System.Text;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>
/// Real sshd turning the prober away, with its own notice before it hangs up: PerSourcePenalties (OpenSSH 9.8 and
/// later, so the built 10.0 only) and MaxStartups (both). Each is <c>throttled</c>: not another service on the port
/// (banner_invalid), not an ordinary close.
/// </summary>
[NeedsSshd]
public class SshdRefusalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(2);

    /// <summary>How long sshd takes to apply the penalty: it does when it reaps the session process, just after that logs the close.</summary>
    private static readonly TimeSpan PenaltyLimit = TimeSpan.FromSeconds(2);

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

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Sshd_over_its_MaxStartups_limit_is_throttled(string openssh)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), ["MaxStartups 1"], cancellationToken);
        // One connection that never identifies itself holds the only unauthenticated slot; sshd's identification
        // arriving on it shows sshd has taken it.
        using var hog = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await hog.ConnectAsync(new IPEndPoint(IPAddress.Loopback, sshd.Port), cancellationToken);
        Assert.StartsWith("SSH-2.0-", await ReceiveLineAsync(hog, cancellationToken), StringComparison.Ordinal);

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, cancellationToken);

        Assert.Equal(ProbeOutcome.Throttled, result.Outcome);
        string log = sshd.ReadLog();
        Assert.Contains("drop connection #1 from [127.0.0.1]", log, StringComparison.Ordinal);
        Assert.Contains("maxstartups", log, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> ReceiveLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token) == 1 && buffer[0] != '\n')
        {
            line.Append((char)buffer[0]);
        }

        return line.ToString();
    }
}
