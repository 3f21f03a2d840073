using System.Net;
using System.Net.Sockets;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>A real OpenSSH server: the probe reads its identification and leaves no error in its log.</summary>
[NeedsSshd]
public class SshdTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(2);
    private const string ClosedByProbe = "Connection closed by 127.0.0.1";

    [Fact]
    public async Task Probing_OpenSSH_is_a_success_with_protocol_2_0_and_OpenSSH_software()
    {
        await using var sshd = await SshdFixture.StartAsync(TestContext.Current.CancellationToken);

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal("2.0", result.Identification?.ProtocolVersion);
        Assert.StartsWith("OpenSSH_", result.Identification?.SoftwareVersion, StringComparison.Ordinal);
        Assert.Equal(4, result.IpProtocol);
    }

    [Fact]
    public async Task After_a_probe_sshd_logs_a_plain_connection_close_and_no_banner_exchange_error()
    {
        await using var sshd = await SshdFixture.StartAsync(TestContext.Current.CancellationToken);

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, TestContext.Current.CancellationToken);
        string log = await sshd.WaitForLogAsync(ClosedByProbe, LogLimit, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Contains(ClosedByProbe, log, StringComparison.Ordinal);
        Assert.DoesNotContain("kex_exchange_identification", log, StringComparison.Ordinal);
        Assert.DoesNotContain("banner exchange", log, StringComparison.Ordinal);
    }

    /// <summary>The control for the test above: what sshd logs for a client that is not polite, so that test can fail.</summary>
    [Fact]
    public async Task A_client_that_hangs_up_without_an_identification_is_logged_by_sshd_as_a_kex_exchange_error()
    {
        await using var sshd = await SshdFixture.StartAsync(TestContext.Current.CancellationToken);

        using (var rude = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await rude.ConnectAsync(new IPEndPoint(IPAddress.Loopback, sshd.Port), TestContext.Current.CancellationToken);
        }

        string log = await sshd.WaitForLogAsync("kex_exchange_identification", LogLimit, TestContext.Current.CancellationToken);
        Assert.Contains("kex_exchange_identification", log, StringComparison.Ordinal);
    }

    /// <summary>sshd over its MaxStartups limit says so and hangs up: it throttles the prober; no other service owns the port.</summary>
    [Fact]
    public async Task Sshd_over_its_MaxStartups_limit_is_throttled()
    {
        await using var sshd = await SshdFixture.StartAsync(inside: null, ["MaxStartups 1"], TestContext.Current.CancellationToken);
        // One connection that never identifies itself holds the only unauthenticated slot.
        using var hog = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await hog.ConnectAsync(new IPEndPoint(IPAddress.Loopback, sshd.Port), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Throttled, result.Outcome);
        Assert.Contains("MaxStartups", sshd.ReadLog(), StringComparison.Ordinal);
    }
}
