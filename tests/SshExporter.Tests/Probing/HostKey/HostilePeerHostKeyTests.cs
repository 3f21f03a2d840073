using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Probing.Kex;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>
/// Peers that identify themselves and then misbehave in the key exchange: the stage ends at the probe's deadline
/// or at once, never holds memory or time past its bounds, and gives up at the caller's cancellation.
/// </summary>
public class HostilePeerHostKeyTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Beyond the deadline, what a loaded machine may add before the probe returns.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(750);

    private const string Banner = "SSH-2.0-OpenSSH_9.9\r\n";

    private static ModuleSettings Module(TimeSpan timeout) => HostKeyProbeRun.Module() with { Timeout = timeout };

    [Fact]
    public async Task A_peer_silent_after_its_identification_ends_the_stage_at_the_deadline()
    {
        await using var peer = ScriptedPeer.Sends(Banner);
        var stopwatch = Stopwatch.StartNew();

        var run = await HostKeyProbeRun.RunAsync(peer.Target, Module(ShortTimeout));

        Assert.InRange(stopwatch.Elapsed, ShortTimeout - TimeSpan.FromMilliseconds(50), ShortTimeout + Slack);
        Assert.Equal(0, run.Value("ssh_host_key_received"));
        Assert.Equal(0, run.Value("ssh_probe_success"));
        Assert.Equal(1, run.Value("ssh_probe_outcome{outcome=\"success\"}"));
        Assert.Contains("No KEXINIT before the deadline", run.Trace, StringComparison.Ordinal);
        Assert.Contains("no verified key: no KEXINIT from the server", run.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_stage_at_once()
    {
        await using var peer = ScriptedPeer.Sends(Banner);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        caller.CancelAfter(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HostKeyProbeRun.RunAsync(peer.Target, Module(TimeSpan.FromSeconds(30)), cancellationToken: caller.Token));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(300) + Slack);
    }

    [Fact]
    public async Task A_packet_longer_than_the_protocol_allows_is_refused_before_it_is_read()
    {
        await using var peer = SendsAfterBanner([0xFF, 0xFF, 0xFF, 0xFE]);

        var run = await HostKeyProbeRun.RunAsync(peer.Target, Module(ShortTimeout));

        Assert.Equal(0, run.Value("ssh_host_key_received"));
        Assert.Contains("No KEXINIT: packet length 4294967294 is over the 35000-byte limit", run.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_IGNORE_messages_ends_the_stage_after_a_fixed_number_of_packets()
    {
        // After a KEXINIT we can answer, where the key exchange reply belongs.
        byte[] ignore = KexInitPackets.Frame([2, 0, 0, 0, 0]);
        byte[] kexInit = KexInitPackets.Captured(KexInitPackets.OpenSsh92Default);
        await using var peer = SendsAfterBanner([.. kexInit, .. Enumerable.Repeat(ignore, 1000).SelectMany(packet => packet)]);

        var run = await HostKeyProbeRun.RunAsync(peer.Target, Module(ShortTimeout));

        Assert.Equal(0, run.Value("ssh_host_key_received"));
        Assert.Contains("the server sent 16 packets without completing the key exchange", run.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disconnect_instead_of_KEXINIT_is_reported_with_its_reason()
    {
        byte[] description = Encoding.ASCII.GetBytes("Too many\nauthentication failures");
        byte[] payload = [1, 0, 0, 0, 2, .. BigEndian(description.Length), .. description, 0, 0, 0, 0];
        await using var peer = SendsAfterBanner(KexInitPackets.Frame(payload));

        var run = await HostKeyProbeRun.RunAsync(peer.Target, Module(ShortTimeout));

        Assert.Equal(0, run.Value("ssh_host_key_received"));
        Assert.Contains("the server disconnected: reason 2, \"Too many.authentication failures\"", run.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_KEXINIT_cut_short_inside_a_name_list_is_refused()
    {
        // A name-list whose length runs past the packet's end.
        byte[] payload = [20, .. new byte[16], 0, 0, 0x10, 0, (byte)'c', (byte)'u'];
        await using var peer = SendsAfterBanner(KexInitPackets.Frame(payload));

        var run = await HostKeyProbeRun.RunAsync(peer.Target, Module(ShortTimeout));

        Assert.Equal(0, run.Value("ssh_host_key_received"));
        Assert.Contains("No KEXINIT: kex_algorithms claims 4096 bytes where 2 remain", run.Trace, StringComparison.Ordinal);
    }

    /// <summary>Sends the identification, then, once the client has sent its own, <paramref name="bytes"/>; then waits for the client to hang up.</summary>
    private static ScriptedPeer SendsAfterBanner(byte[] bytes) => new(async (socket, ct) =>
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(Banner), SocketFlags.None, ct);
        var first = new byte[1];
        if (await socket.ReceiveAsync(first, SocketFlags.None, ct) > 0)
        {
            try
            {
                await socket.SendAsync(bytes, SocketFlags.None, ct);
            }
            catch (SocketException)
            {
                // The client stopped reading and hung up, as it should once it has seen enough.
            }
        }

        await ScriptedPeer.DrainUntilClosedAsync(socket, ct);
    });

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
