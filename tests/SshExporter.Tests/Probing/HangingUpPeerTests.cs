using System.Net;
using System.Net.Sockets;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>Peers that end the connection before any banner, or never take it: FIN, RST, nothing listening.</summary>
public class HangingUpPeerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);

    /// <summary>None of these may wait for the deadline; half of it leaves room for a loaded machine.</summary>
    private static readonly TimeSpan Quick = Timeout / 2;

    [Fact]
    public async Task A_peer_that_closes_at_once_is_closed()
    {
        await using var peer = ScriptedPeer.ClosesAtOnce();

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Closed, result.Outcome);
        Assert.True(elapsed < Quick, $"took {elapsed}");
    }

    [Fact]
    public async Task A_peer_that_resets_at_once_is_reset()
    {
        await using var peer = ScriptedPeer.ResetsAtOnce();

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Reset, result.Outcome);
        Assert.True(elapsed < Quick, $"took {elapsed}");
    }

    [Fact]
    public async Task A_loopback_port_nobody_listens_on_is_refused_without_a_banner_phase()
    {
        var (result, elapsed) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", ClosedPort.Find()), Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Refused, result.Outcome);
        Assert.True(elapsed < Quick, $"took {elapsed}");
        Assert.Equal(TimeSpan.Zero, result.PhaseDuration(ProbePhase.Banner));
        Assert.Equal(4, result.IpProtocol);
    }

    [Fact]
    public async Task An_IPv6_loopback_port_nobody_listens_on_is_refused_over_ip_protocol_6()
    {
        int port;
        using (var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            }
            catch (SocketException e)
            {
                Assert.Skip($"this machine has no IPv6 loopback (::1): {e.SocketErrorCode}");
            }

            port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("::1", port), Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Refused, result.Outcome);
        Assert.Equal(IPAddress.IPv6Loopback, result.Address);
        Assert.Equal(6, result.IpProtocol);
    }
}
