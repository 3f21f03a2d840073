using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// The host key stage: on a connection of its own, one key exchange up to the server's reply, the server's
/// signature over the exchange hash checked with the host key it sent, the key's fingerprint compared with the
/// pins; then we hang up before NEWKEYS, so no authentication is ever tried and sshd logs a plain close.
/// The caller's token bounds every step; a packet is at most <see cref="SshPacketChannel.MaxPacketLength"/> bytes
/// and only <see cref="SshPacketChannel.MaxPackets"/> are read, so a hostile peer can neither hold the stage nor
/// grow its memory.
/// </summary>
public sealed class HostKeyProbe(TimeProvider time, byte[] clientLine)
{
    private const byte Disconnect = 1;
    private const byte Ignore = 2;
    private const byte Debug = 4;
    private const byte KexEcdhInit = 30;
    private const byte KexEcdhReply = 31;

    private readonly string _clientIdentification = Encoding.ASCII.GetString(clientLine).TrimEnd('\r', '\n');

    /// <summary>
    /// Runs the stage against <paramref name="endpoint"/>. A deadline on <paramref name="token"/> ends it as a failure;
    /// <paramref name="callerToken"/>'s cancellation propagates, as in the rest of the probe.
    /// </summary>
    public async Task<HostKeyResult> RunAsync(
        IPEndPoint endpoint, HostKeySettings settings, IReadOnlyList<HostKeyPin> pins, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
    {
        string step = "connecting";
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            trace?.Write($"Host key: connecting to {endpoint} for a key exchange of its own");
            await socket.ConnectAsync(endpoint, token);

            step = "reading the identification";
            var seen = await new IdentificationReader(socket).ReadAsync(token);
            if (seen.Identification is not { SpeaksSsh2: true } server)
            {
                return Fail($"no SSH 2 identification on the second connection ({seen.End})", pins, trace);
            }

            await socket.SendAsync(clientLine, SocketFlags.None, token);
            var channel = new SshPacketChannel(socket);

            step = "waiting for the server's KEXINIT";
            var serverKexInit = KexInitMessage.Parse(await NextPayloadAsync(channel, KexInitMessage.MessageNumber, trace, token));
            string[] offered = [.. settings.Algorithms.Select(a => a.Name)];
            trace?.Write($"Host key: the server offers host key algorithms {string.Join(',', serverKexInit.HostKeyAlgorithms)}");
            string? kexName = KexInitMessage.Choose(KeyExchangeMethod.Names, serverKexInit.KexAlgorithms);
            string? hostKeyName = KexInitMessage.Choose(offered, serverKexInit.HostKeyAlgorithms);
            var clientKexInit = KexInitMessage.Client(KeyExchangeMethod.Names, offered);

            // On a mismatch our KEXINIT is never sent: sshd sees a client that left after the identification, as
            // after a banner probe, instead of logging a failed negotiation.
            if (kexName is null)
            {
                throw new HostKeyExchangeException($"the server offers no key exchange method we implement (it offers {string.Join(',', serverKexInit.KexAlgorithms)})");
            }

            if (hostKeyName is null)
            {
                throw new HostKeyExchangeException($"the server offers none of the module's host key algorithms {string.Join(',', offered)}");
            }

            if (clientKexInit.MismatchBesidesKex(serverKexInit) is { } mismatch)
            {
                throw new HostKeyExchangeException(mismatch);
            }

            var algorithm = settings.Algorithms.First(a => a.Name == hostKeyName);
            trace?.Write($"Host key: negotiated {kexName} with host key algorithm {algorithm.Name}");
            using var exchange = KeyExchangeMethod.Create(kexName);
            byte[] init = new SshWireWriter().Byte(KexEcdhInit).String(exchange.ClientPublic).ToArray();
            await channel.WritePayloadsAsync([clientKexInit.Payload, init], token);

            step = "waiting for the server's key exchange reply";
            byte[] reply = await NextPayloadAsync(channel, KexEcdhReply, trace, token);
            var (hostKey, signature, exchangeHash) = ExchangeHash(exchange, server, clientKexInit, serverKexInit, reply);
            HostKeySignature.Verify(algorithm, hostKey, signature, exchangeHash);

            var result = new HostKeyResult { KeyType = algorithm.KeyType, Fingerprint = HostKeyFingerprint.OfKeyBlob(hostKey), Pins = pins };
            trace?.Write($"Host key: {result.KeyType} {result.Fingerprint}, its signature over the exchange hash verified");
            await HangUpAsync(socket, token);
            TracePins(result, trace);
            return result;
        }
        catch (HostKeyExchangeException e)
        {
            await HangUpAsync(socket, token);
            return Fail(e.Message, pins, trace);
        }
        catch (SocketException e)
        {
            return Fail($"{step} failed: {e.SocketErrorCode}", pins, trace);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return Fail($"the deadline passed while {step}", pins, trace);
        }
    }

    /// <summary>The next packet of type <paramref name="wanted"/>, skipping IGNORE and DEBUG; a DISCONNECT or anything else ends the stage.</summary>
    private static async Task<byte[]> NextPayloadAsync(SshPacketChannel channel, byte wanted, ProbeTrace? trace, CancellationToken token)
    {
        while (true)
        {
            byte[] payload = await channel.ReadPayloadAsync(token);
            switch (payload[0])
            {
                case var number when number == wanted:
                    return payload;
                case Ignore or Debug:
                    trace?.Write($"Host key: skipped an {(payload[0] == Ignore ? "IGNORE" : "DEBUG")} message");
                    break;
                case Disconnect:
                    throw new HostKeyExchangeException($"the server disconnected: {DisconnectReason(payload)}");
                default:
                    throw new HostKeyExchangeException($"the server sent message {payload[0]} where message {wanted} belongs");
            }
        }
    }

    /// <summary>Reads the reply (RFC 5656 §4) and computes the exchange hash H that the server signed.</summary>
    private (byte[] HostKey, byte[] Signature, byte[] ExchangeHash) ExchangeHash(
        KeyExchangeMethod exchange, SshIdentification server, KexInitMessage client, KexInitMessage serverKexInit, byte[] reply)
    {
        var reader = new SshWireReader(reply.AsSpan(1));
        if (!reader.TryReadString(out var hostKey) || !reader.TryReadString(out var serverPublic) || !reader.TryReadString(out var signature) || reader.Remaining != 0)
        {
            throw new HostKeyExchangeException("the server's key exchange reply is malformed");
        }

        byte[] sharedSecret = exchange.SharedSecret(serverPublic);
        var hashInput = new SshWireWriter()
            .String(_clientIdentification)
            .String(server.ToString()) // the line as sent: SshIdentification keeps every character but CR LF
            .String(client.Payload)
            .String(serverKexInit.Payload)
            .String(hostKey)
            .String(exchange.ClientPublic)
            .String(serverPublic)
            .Mpint(sharedSecret);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(exchange.Hash);
        hash.AppendData(hashInput.Written);
        return (hostKey.ToArray(), signature.ToArray(), hash.GetHashAndReset());
    }

    /// <summary>
    /// Half-closes and waits (briefly, within the deadline) for the server to hang up too, reading what it still
    /// sends (its NEWKEYS), so that our close is a FIN and sshd logs "Connection closed", not a reset. Whatever
    /// happens here, what the stage found stands.
    /// </summary>
    private async Task HangUpAsync(Socket socket, CancellationToken token)
    {
        using var graceTimer = new CancellationTokenSource(SshProber.CloseGrace, time);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(token, graceTimer.Token);
        var buffer = new byte[512];
        int drained = 0;
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, grace.Token)) > 0 && (drained += read) < 64 * 1024)
            {
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The server did not hang up within the grace or the deadline, or it reset: the socket is closed now anyway.
        }
    }

    private static void TracePins(HostKeyResult result, ProbeTrace? trace)
    {
        if (trace is null)
        {
            return;
        }

        if (result.Revoked is { } revoked)
        {
            trace.Write($"Host key: REVOKED by {revoked.Source}");
        }
        else if (result.MatchedPin is { } matched)
        {
            trace.Write($"Host key: matches the pin of {matched.Source}");
        }
        else if (result.HasPins)
        {
            trace.Write($"Host key: MATCHES NO PIN; expected one of {string.Join("; ", result.Pins.Where(p => !p.Revoked).Select(p => $"{p.Fingerprint} ({p.Source})"))}");
        }
        else
        {
            trace.Write("Host key: no pins for this target");
        }
    }

    private static HostKeyResult Fail(string reason, IReadOnlyList<HostKeyPin> pins, ProbeTrace? trace)
    {
        trace?.Write($"Host key: no verified key: {reason}");
        return HostKeyResult.Failed(reason, pins);
    }

    private static string DisconnectReason(byte[] payload)
    {
        var reader = new SshWireReader(payload.AsSpan(1));
        if (!reader.TryReadUInt32(out uint code) || !reader.TryReadString(out var description))
        {
            return "(malformed DISCONNECT)";
        }

        var text = new StringBuilder();
        foreach (byte b in description[..Math.Min(description.Length, 120)])
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        }

        return $"reason {code}, \"{text}\"";
    }
}
