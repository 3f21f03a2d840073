using System.Net.Sockets;
using System.Text;
using SshExporter.Probing.Wire;

namespace SshExporter.Probing.Kex;

/// <summary>
/// The <c>kexinit</c> stage: once our identification is sent, sshd sends its SSH_MSG_KEXINIT in the clear, which
/// the prober would read and discard before closing anyway. Reading it instead costs the server nothing and adds no
/// log line. <see cref="ReadAsync"/> takes the first packet, which RFC 4253 §7.1 says is the KEXINIT; the host key
/// stage negotiates from the same parsed offer. Whatever happens here, the probe's outcome stays as it was: a
/// missing or malformed KEXINIT is only <see cref="KexInitObservation.NotReceived"/>.
/// </summary>
public static class KexInitStage
{
    /// <summary>The server's KEXINIT, or null (with the reason in the trace) when none arrived or it did not parse.</summary>
    public static async Task<KexInit?> ReadAsync(SshPacketReader packets, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
    {
        SshPacket packet;
        try
        {
            packet = await packets.ReadAsync(token);
        }
        catch (SocketException e)
        {
            trace?.Write($"Reading the KEXINIT failed: {e.SocketErrorCode}");
            return null;
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            trace?.Write("No KEXINIT before the deadline");
            return null;
        }

        string failure = packet.Failure;
        if (packet.Received && packet.MessageNumber == DisconnectMessage.MessageNumber)
        {
            failure = DisconnectMessage.Describe(packet.Payload.Span);
        }
        else if (packet.Received && KexInit.TryParse(packet.Payload.Span, out var offer, out failure))
        {
            trace?.Write($"Received the server's KEXINIT ({packets.BytesRead} bytes)");
            return offer;
        }

        trace?.Write($"No KEXINIT: {failure} ({packets.BytesRead} bytes read)");
        return null;
    }

    /// <summary>The stage's verdicts on what <see cref="ReadAsync"/> gave, described in the trace.</summary>
    public static KexInitObservation Judge(KexInit? offer, ProbeTrace? trace)
    {
        if (offer is null)
        {
            return KexInitObservation.NotReceived;
        }

        var observation = KexInitObservation.Of(offer);
        // A kept trace (the pages' recent probes) describes the offer only when viewed, from the observation.
        if (trace is { Detailed: true })
        {
            foreach (string line in Describe(observation))
            {
                trace.Write(line);
            }
        }

        return observation;
    }

    /// <summary>The offer and its verdicts, a line each, for a person; <paramref name="observation"/> must have an offer.</summary>
    public static IEnumerable<string> Describe(KexInitObservation observation)
    {
        yield return "The server's KEXINIT offers:";
        for (int i = 0; i < KexInit.ListNames.Count; i++)
        {
            var names = observation.Offer!.Lists[i];
            yield return $"  {KexInit.ListNames[i]}: {(names.Count > 0 ? NameListText.Join(names) : "(none)")}";
        }

        var verdicts = observation.Verdicts!;
        yield return $"Strict key exchange offered: {YesNo(verdicts.StrictKexOffered)}; post-quantum key exchange offered: "
            + $"{YesNo(verdicts.PostQuantumOffered)}; Terrapin (CVE-2023-48795) vulnerable: {YesNo(verdicts.TerrapinVulnerable)}";
        var weak = new StringBuilder();
        foreach (var category in WeakAlgorithmCategories.All.Where(verdicts.Offers))
        {
            weak.Append(weak.Length > 0 ? "; " : "").Append(category.ToLabel()).Append(" (")
                .AppendJoin(',', verdicts.WeakNames[(int)category]).Append(')');
        }

        yield return $"Weak algorithms offered: {(weak.Length > 0 ? NameListText.Bound(weak.ToString()) : "none")}";
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    // Names are printable ASCII already (KexInit.TryParse); a hostile server can still send 35 KB of them.
}
