using System.Net.Sockets;
using System.Text;
using SshExporter.Probing;
using SshExporter.Probing.Kex;
using SshExporter.Probing.Wire;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing.Kex;

/// <summary>
/// The kexinit stage against scripted peers that answer our identification with a real KEXINIT, or with what a
/// broken or hostile server might send instead. The outcome stays a success whatever comes, within the deadline.
/// </summary>
public class KexInitPeerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Well under the timeout: what "at once" means for a peer that hung up or sent something unusable.</summary>
    private static readonly TimeSpan Soon = Timeout / 2;

    [Fact]
    public async Task A_real_KEXINIT_is_read_judged_and_timed_as_its_own_phase()
    {
        await using var peer = SendsThenWaits(KexInitPackets.Captured(KexInitPackets.OpenSsh92Default));

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        var (offer, verdicts) = Read(result);
        Assert.True(verdicts.StrictKexOffered);
        Assert.Equal(12, offer.KexAlgorithms.Count);
        Assert.InRange(result.PhaseDuration(ProbePhase.Kexinit), TimeSpan.FromTicks(1), Soon);
    }

    [Fact]
    public async Task A_KEXINIT_that_arrives_in_pieces_is_read_whole()
    {
        byte[] packet = KexInitPackets.Captured(KexInitPackets.OpenSsh100Default);
        await using var peer = ScriptedPeer.AfterClientIdentification(async (socket, ct) =>
        {
            foreach (var piece in packet[2..].Chunk(300).Prepend(packet[..2])) // the length field split, then the rest
            {
                await socket.SendAsync(piece, SocketFlags.None, ct);
                await Task.Delay(30, ct);
            }

            await HoldOpenAsync(ct);
        });

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.True(Read(result).Verdicts.PostQuantumOffered);
    }

    [Theory]
    [InlineData(0x7fffffff)]
    [InlineData(35_004)]
    public async Task A_packet_length_over_35000_bytes_is_refused_at_once_without_waiting_for_its_bytes(int length)
    {
        await using var peer = SendsThenWaits(KexInitPackets.UInt32(length));

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Same(KexInitObservation.NotReceived, result.KexInit);
        Assert.True(elapsed < Soon, $"took {elapsed}");
    }

    [Fact]
    public async Task A_packet_cut_short_by_a_hang_up_is_not_a_KEXINIT()
    {
        byte[] packet = KexInitPackets.Captured(KexInitPackets.OpenSsh92Default);
        await using var peer = ScriptedPeer.AfterClientIdentification((socket, ct) => socket.SendAsync(packet.AsMemory(0, 600), SocketFlags.None, ct).AsTask());

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Same(KexInitObservation.NotReceived, result.KexInit);
        Assert.True(elapsed < Soon, $"took {elapsed}");
    }

    [Fact]
    public async Task A_KEXINIT_still_arriving_at_the_deadline_ends_the_probe_on_time_as_a_success_without_one()
    {
        byte[] packet = KexInitPackets.Captured(KexInitPackets.OpenSsh92Default);
        await using var peer = SendsThenWaits(packet[..600]);

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.True(result.Success);
        Assert.Same(KexInitObservation.NotReceived, result.KexInit);
        // The deadline fires a little late on a busy machine; the phase holds nearly all of the wait.
        Assert.InRange(result.PhaseDuration(ProbePhase.Kexinit), Timeout * 0.5, Timeout + TimeSpan.FromSeconds(0.5));
        Assert.True(elapsed < Timeout + TimeSpan.FromSeconds(1), $"took {elapsed}");
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\n")] // 0x48545450: over the limit
    [InlineData("\0\0\0\x0c\x04\x14garbage!!!")] // framed, but no KEXINIT inside
    public async Task Garbage_where_the_KEXINIT_should_be_is_not_one(string garbage)
    {
        await using var peer = SendsThenWaits(Encoding.Latin1.GetBytes(garbage));

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Same(KexInitObservation.NotReceived, result.KexInit);
        Assert.True(elapsed < Soon, $"took {elapsed}");
    }

    [Fact]
    public async Task Another_message_first_is_not_taken_for_a_KEXINIT()
    {
        byte[] ignore = KexInitPackets.Frame([2, 0, 0, 0, 0]); // SSH_MSG_IGNORE with an empty string
        await using var peer = SendsThenWaits([.. ignore, .. KexInitPackets.Captured(KexInitPackets.OpenSsh92Default)]);

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Same(KexInitObservation.NotReceived, result.KexInit);
    }

    [Fact]
    public async Task A_banner_only_peer_that_hangs_up_on_our_close_gives_no_KEXINIT_at_once()
    {
        await using var peer = ScriptedPeer.Sends("SSH-2.0-OpenSSH_9.2p1\r\n");

        var (result, elapsed) = await LoopbackProbe.RunAsync(peer, Timeout);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Same(KexInitObservation.NotReceived, result.KexInit);
        Assert.True(elapsed < Soon, $"took {elapsed}");
    }

    [Fact]
    public async Task With_read_kexinit_off_the_stage_does_not_run()
    {
        await using var peer = SendsThenWaits(KexInitPackets.Captured(KexInitPackets.OpenSsh92Default));

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout, module: new ModuleSettings { ReadKexinit = false });

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Null(result.KexInit);
        Assert.Equal(TimeSpan.Zero, result.PhaseDuration(ProbePhase.Kexinit));
    }

    [Fact]
    public async Task The_probe_sends_only_its_identification_and_never_a_KEXINIT_of_its_own()
    {
        var afterIdentification = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = ScriptedPeer.AfterClientIdentification(async (socket, ct) =>
        {
            await socket.SendAsync(KexInitPackets.Captured(KexInitPackets.OpenSsh92Default), SocketFlags.None, ct);
            int more = 0;
            var buffer = new byte[1024];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
            {
                more += read;
            }

            afterIdentification.TrySetResult(more);
        });

        var (result, _) = await LoopbackProbe.RunAsync(peer, Timeout);

        Read(result);
        Assert.Equal(0, await afterIdentification.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_trace_lists_the_offer_and_the_verdicts_in_printable_bounded_lines()
    {
        string longName = new('x', 3000);
        byte[] payload = KexInitPackets.Payload(kex: $"curve25519-sha256,{longName}", ciphers: "aes128-cbc,chacha20-poly1305@openssh.com", macs: "hmac-md5\u0007");
        await using var peer = SendsThenWaits(KexInitPackets.Frame(payload));
        var trace = new ProbeTrace(TimeProvider.System);

        var result = await new SshProber(TimeProvider.System, "test").ProbeAsync(
            new TargetAddress("127.0.0.1", peer.Port), new ModuleSettings { Timeout = Timeout }, Timeout, trace, TestContext.Current.CancellationToken);
        string text = trace.ToString();

        Assert.True(result.KexInit?.Received, text);
        Assert.Contains("kex_algorithms: curve25519-sha256,xxx", text, StringComparison.Ordinal);
        Assert.Contains("encryption_algorithms_server_to_client: aes128-cbc,chacha20-poly1305@openssh.com", text, StringComparison.Ordinal);
        Assert.Contains("Terrapin (CVE-2023-48795) vulnerable: yes", text, StringComparison.Ordinal);
        Assert.Contains("cipher_cbc (aes128-cbc)", text, StringComparison.Ordinal);
        Assert.Contains("mac_md5 (hmac-md5?)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(longName, text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length < 1200, $"a line of {line.Length} characters"));
        Assert.DoesNotContain('\u0007', text);
    }

    private static (KexInit Offer, KexVerdicts Verdicts) Read(ProbeResult result)
    {
        Assert.True(result.KexInit is { Received: true }, "no KEXINIT read");
        return (result.KexInit.Offer!, result.KexInit.Verdicts!);
    }

    /// <summary>Answers our identification with <paramref name="bytes"/>, then keeps the connection open.</summary>
    private static ScriptedPeer SendsThenWaits(byte[] bytes) => ScriptedPeer.AfterClientIdentification(async (socket, ct) =>
    {
        await socket.SendAsync(bytes, SocketFlags.None, ct);
        await HoldOpenAsync(ct);
    });

    // Our half-close must not end the peer's side: a server that stalls keeps its socket open.
    private static Task HoldOpenAsync(CancellationToken ct) => Task.Delay(System.Threading.Timeout.Infinite, ct);
}
