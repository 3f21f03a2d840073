using System.Net;
using System.Net.Sockets;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>What a probe measures besides its outcome: phase durations, address family, timeout, all from a real exchange.</summary>
public class ProbeMeasurementTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan BannerDelay = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_banner_sent_after_a_delay_shows_up_in_the_banner_phase_and_nowhere_else()
    {
        await using var peer = new ScriptedPeer(async (socket, ct) =>
        {
            await Task.Delay(BannerDelay, ct);
            await socket.SendAsync("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray(), SocketFlags.None, ct);
            await ScriptedPeer.DrainUntilClosedAsync(socket, ct);
        });

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        var resolve = result.PhaseDuration(ProbePhase.Resolve);
        var connect = result.PhaseDuration(ProbePhase.Connect);
        var banner = result.PhaseDuration(ProbePhase.Banner);
        // An IP literal needs no lookup and a loopback connect no round trip: both well under the banner's delay,
        // with room left for a loaded machine. The banner phase holds the delay and ends on its own.
        Assert.InRange(resolve, TimeSpan.Zero, BannerDelay / 2);
        Assert.InRange(connect, TimeSpan.FromTicks(1), BannerDelay * 2);
        Assert.InRange(banner, BannerDelay * 0.9, Timeout / 2);
        Assert.True(result.Duration >= resolve + connect + banner, $"whole {result.Duration} < phases {resolve + connect + banner}");
        Assert.True(result.Duration <= elapsed, $"probe says {result.Duration}, the clock outside says {elapsed}");
        Assert.True(result.Duration < Timeout, $"took {result.Duration}");
    }

    [Fact]
    public async Task A_successful_IPv4_probe_reports_its_address_its_ip_protocol_and_the_timeout_it_ran_under()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal(IPAddress.Loopback, result.Address);
        Assert.Equal(4, result.IpProtocol);
        Assert.Equal(Timeout, result.Timeout);
    }

    [Fact]
    public async Task A_successful_probe_sends_our_identification_and_hangs_up_first_on_the_write_side()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = new ScriptedPeer(async (socket, ct) =>
        {
            await socket.SendAsync("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray(), SocketFlags.None, ct);
            var all = new List<byte>();
            var buffer = new byte[256];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
            {
                all.AddRange(buffer.AsSpan(0, read));
            }

            // Reading 0 means the probe shut down its side (FIN) rather than resetting.
            received.TrySetResult(System.Text.Encoding.ASCII.GetString([.. all]));
        });

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        string sent = await received.Task.WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal("SSH-2.0-ssh_exporter_integration_test\r\n", sent);
    }
}
