using System.Net.Sockets;
using System.Text;

namespace SshExporter.Probing.Kex;

/// <summary>
/// The <c>kexinit</c> stage: once our identification is sent, sshd sends its SSH_MSG_KEXINIT in the clear, which
/// the prober would read and discard before closing anyway. Reading it instead costs the server nothing and adds no
/// log line; we never send a KEXINIT of our own. Whatever happens here, the probe's outcome stays as it was: a
/// missing or malformed KEXINIT is only <see cref="KexInitObservation.NotReceived"/>.
/// </summary>
public static class KexInitStage
{
    /// <summary>The longest line of names the debug trace shows.</summary>
    private const int MaxTraceLine = 1024;

    public static async Task<KexInitObservation> RunAsync(Socket socket, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
    {
        KexInitRead read;
        try
        {
            read = await KexInitReader.ReadAsync(socket, token);
        }
        catch (SocketException e)
        {
            trace?.Write($"Reading the KEXINIT failed: {e.SocketErrorCode}");
            return KexInitObservation.NotReceived;
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            trace?.Write("No KEXINIT before the deadline");
            return KexInitObservation.NotReceived;
        }

        if (read.Offer is null)
        {
            trace?.Write($"No KEXINIT: {read.Failure} ({read.BytesRead} bytes read)");
            return KexInitObservation.NotReceived;
        }

        var observation = KexInitObservation.Of(read.Offer);
        if (trace is not null)
        {
            Describe(observation, read.BytesRead, trace);
        }

        return observation;
    }

    private static void Describe(KexInitObservation observation, int bytes, ProbeTrace trace)
    {
        trace.Write($"Received the server's KEXINIT ({bytes} bytes); it offers:");
        for (int i = 0; i < KexInit.ListNames.Count; i++)
        {
            var names = observation.Offer!.Lists[i];
            trace.Write($"  {KexInit.ListNames[i]}: {(names.Count > 0 ? Bounded(string.Join(',', names)) : "(none)")}");
        }

        var verdicts = observation.Verdicts!;
        trace.Write($"Strict key exchange offered: {YesNo(verdicts.StrictKexOffered)}; post-quantum key exchange offered: "
            + $"{YesNo(verdicts.PostQuantumOffered)}; Terrapin (CVE-2023-48795) vulnerable: {YesNo(verdicts.TerrapinVulnerable)}");
        var weak = new StringBuilder();
        foreach (var category in WeakAlgorithmCategories.All.Where(verdicts.Offers))
        {
            weak.Append(weak.Length > 0 ? "; " : "").Append(category.ToLabel()).Append(" (")
                .AppendJoin(',', verdicts.WeakNames[(int)category]).Append(')');
        }

        trace.Write($"Weak algorithms offered: {(weak.Length > 0 ? Bounded(weak.ToString()) : "none")}");
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    // Names are printable ASCII already (KexInit.TryParse); a hostile server can still send 35 KB of them.
    private static string Bounded(string text) => text.Length <= MaxTraceLine ? text : $"{text[..MaxTraceLine]}… ({text.Length} characters)";
}
