using System.Net.Sockets;
using System.Text;
using SshExporter.Probing.Wire;

namespace SshExporter.Probing.HostKey;

/// <summary>
/// The host key stage, on the probe's own connection once the server's KEXINIT is read: one key exchange up to the
/// server's reply, the server's signature over the exchange hash checked with the host key it sent, the key's
/// fingerprint compared with the pins. The caller hangs up before NEWKEYS, so no authentication is ever tried and
/// sshd logs one plain close for the whole probe. The caller's token bounds every step; packets come through the
/// probe's <see cref="SshPacketReader"/> (35,000 bytes at most) and only <see cref="MaxPackets"/> are read, so a
/// hostile peer can neither hold the stage nor grow its memory.
/// </summary>
public sealed class HostKeyProbe(byte[] clientLine)
{
    /// <summary>sshd sends two before we hang up (KEXINIT and the reply), and perhaps a few IGNORE or DEBUG.</summary>
    public const int MaxPackets = 16;

    private const byte Ignore = 2;
    private const byte Debug = 4;
    private const byte KexEcdhInit = 30;
    private const byte KexEcdhReply = 31;

    private readonly string _clientIdentification = Encoding.ASCII.GetString(clientLine).TrimEnd('\r', '\n');

    /// <summary>
    /// Runs the exchange after the identifications, given the server's identification line exactly as it came
    /// (CR LF stripped) and its KEXINIT (null when none was read). A deadline on <paramref name="token"/> ends it as
    /// a failure; <paramref name="callerToken"/>'s cancellation propagates, as in the rest of the probe.
    /// </summary>
    public async Task<HostKeyResult> RunAsync(
        Socket socket, SshPacketReader packets, string serverLine, KexInit? serverKexInit, HostKeySettings settings,
        IReadOnlyList<HostKeyPin> pins, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
    {
        string step = "negotiating";
        try
        {
            if (serverKexInit is null)
            {
                throw new HostKeyExchangeException("no KEXINIT from the server");
            }

            string[] offered = [.. settings.Algorithms.Select(a => a.Name)];
            trace?.Write($"Host key: the server offers host key algorithms {NameListText.Join(serverKexInit.ServerHostKeyAlgorithms)}");
            string? kexName = ClientKexInit.Choose(KeyExchangeMethod.Names, serverKexInit.KexAlgorithms);
            string? hostKeyName = ClientKexInit.Choose(offered, serverKexInit.ServerHostKeyAlgorithms);
            var clientKexInit = ClientKexInit.Create(KeyExchangeMethod.Names, offered);

            // On a mismatch our KEXINIT is never sent: sshd sees a client that left after the identification, as
            // after a banner probe, instead of logging a failed negotiation.
            if (kexName is null)
            {
                throw new HostKeyExchangeException($"the server offers no key exchange method we implement (it offers {NameListText.Join(serverKexInit.KexAlgorithms)})");
            }

            if (hostKeyName is null)
            {
                throw new HostKeyExchangeException($"the server offers none of the module's host key algorithms {NameListText.Join(offered)}");
            }

            if (ClientKexInit.MismatchBesidesKex(clientKexInit, serverKexInit) is { } mismatch)
            {
                throw new HostKeyExchangeException(mismatch);
            }

            var algorithm = settings.Algorithms.First(a => a.Name == hostKeyName);
            trace?.Write($"Host key: negotiated {kexName} with host key algorithm {algorithm.Name}");
            using var exchange = KeyExchangeMethod.Create(kexName);
            var wire = new SshWireWriter();
            BinaryPacket.Append(wire, clientKexInit.Payload);
            BinaryPacket.Append(wire, new SshWireWriter().Byte(KexEcdhInit).String(exchange.ClientPublic).Written);
            step = "sending our key exchange";
            await socket.SendAsync(wire.ToArray(), SocketFlags.None, token);

            step = "waiting for the server's key exchange reply";
            var reply = await NextPayloadAsync(packets, KexEcdhReply, trace, token);
            var (hostKey, signature, exchangeHash) = ExchangeHash(exchange, serverLine, clientKexInit, serverKexInit, reply.Span);
            HostKeySignature.Verify(algorithm, hostKey, signature, exchangeHash);

            var result = new HostKeyResult { KeyType = algorithm.KeyType, Fingerprint = HostKeyFingerprint.OfKeyBlob(hostKey), Pins = pins };
            trace?.Write($"Host key: {result.KeyType} {result.Fingerprint}, its signature over the exchange hash verified");
            TracePins(result, trace);
            return result;
        }
        catch (HostKeyExchangeException e)
        {
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
    private static async Task<ReadOnlyMemory<byte>> NextPayloadAsync(SshPacketReader packets, byte wanted, ProbeTrace? trace, CancellationToken token)
    {
        while (true)
        {
            if (packets.PacketsRead >= MaxPackets)
            {
                throw new HostKeyExchangeException($"the server sent {MaxPackets} packets without completing the key exchange");
            }

            var packet = await packets.ReadAsync(token);
            if (!packet.Received)
            {
                throw new HostKeyExchangeException(packet.Failure);
            }

            switch (packet.MessageNumber)
            {
                case var number when number == wanted:
                    return packet.Payload;
                case Ignore or Debug:
                    trace?.Write($"Host key: skipped an {(packet.MessageNumber == Ignore ? "IGNORE" : "DEBUG")} message");
                    break;
                case DisconnectMessage.MessageNumber:
                    throw new HostKeyExchangeException(DisconnectMessage.Describe(packet.Payload.Span));
                default:
                    throw new HostKeyExchangeException($"the server sent message {packet.MessageNumber} where message {wanted} belongs");
            }
        }
    }

    /// <summary>Reads the reply (RFC 5656 §4) and computes the exchange hash H that the server signed.</summary>
    private (byte[] HostKey, byte[] Signature, byte[] ExchangeHash) ExchangeHash(
        KeyExchangeMethod exchange, string serverLine, KexInit client, KexInit serverKexInit, ReadOnlySpan<byte> reply)
    {
        var reader = new SshWireReader(reply[1..]);
        if (!reader.TryReadString(out var hostKey) || !reader.TryReadString(out var serverPublic) || !reader.TryReadString(out var signature) || reader.Remaining != 0)
        {
            throw new HostKeyExchangeException("the server's key exchange reply is malformed");
        }

        byte[] sharedSecret = exchange.SharedSecret(serverPublic);
        var hashInput = new SshWireWriter()
            .String(_clientIdentification)
            .String(serverLine)
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
}
