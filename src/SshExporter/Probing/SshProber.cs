using System.Net;
using System.Net.Sockets;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Kex;

namespace SshExporter.Probing;

/// <summary>
/// Probes one SSH target: resolve, connect, read the identification, read the server's KEXINIT when the module
/// asks (<see cref="KexInitStage"/>), then close politely; a module with a <c>host_key:</c> section then runs
/// <see cref="HostKeyProbe"/> on a connection of its own. One deadline bounds every step; what happened is handed
/// to <see cref="OutcomeClassifier"/>.
/// </summary>
public sealed class SshProber(TimeProvider time, string clientSoftwareVersion)
{
    /// <summary>After our identification and FIN, how long we wait for the server to hang up first.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromMilliseconds(250);

    private readonly byte[] _clientLine = SshIdentification.ClientLine(clientSoftwareVersion);
    private readonly HostKeyProbe _hostKeyProbe = new(time, SshIdentification.ClientLine(clientSoftwareVersion));

    /// <summary>
    /// Probes <paramref name="target"/>; <paramref name="hostKeyPins"/> are the target's own configured fingerprints,
    /// checked with those of the module's known_hosts file when the module has a host key stage.
    /// </summary>
    public async Task<ProbeResult> ProbeAsync(
        TargetAddress target, ModuleSettings module, TimeSpan timeout, ProbeTrace? trace, CancellationToken cancellationToken,
        IReadOnlyList<HostKeyPin>? hostKeyPins = null)
    {
        long start = time.GetTimestamp();
        var phases = new TimeSpan[ProbePhases.All.Count];
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        // The linked token fires for the deadline and for the caller. Only the deadline is the target's fault;
        // the caller's cancellation propagates, so a scrape that Prometheus gave up on stops at once.
        var token = linked.Token;
        trace?.Write($"Beginning probe of {target} with timeout {timeout.TotalSeconds:0.###}s");

        IPAddress? address = null;
        SshIdentification? identification = null;
        KexInitObservation? kexInit = null;
        HostKeyResult? hostKey = null;
        ProbeOutcome outcome;
        long phaseStart = time.GetTimestamp();
        try
        {
            address = await AddressResolver.ResolveAsync(target.Host, module, trace, token);
            phases[(int)ProbePhase.Resolve] = time.GetElapsedTime(phaseStart);
            if (address is null)
            {
                outcome = ProbeOutcome.DnsError;
            }
            else
            {
                (outcome, identification, kexInit) = await ConnectAndReadAsync(new IPEndPoint(address, target.Port), module, phases, trace, token, cancellationToken);
                if (outcome == ProbeOutcome.Success && module.HostKey is { } hostKeySettings)
                {
                    phaseStart = time.GetTimestamp();
                    var pins = hostKeySettings.PinsFor(target, hostKeyPins ?? []);
                    hostKey = await _hostKeyProbe.RunAsync(new IPEndPoint(address, target.Port), hostKeySettings, pins, trace, token, cancellationToken);
                    phases[(int)ProbePhase.HostKey] = time.GetElapsedTime(phaseStart);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Only resolution lets the deadline escape; the later phases classify it themselves.
            phases[(int)ProbePhase.Resolve] = time.GetElapsedTime(phaseStart);
            trace?.Write("Resolution did not finish before the deadline");
            outcome = ProbeOutcome.DnsError;
        }

        var duration = time.GetElapsedTime(start);
        trace?.Write($"Probe finished: {outcome.ToLabel()} after {duration.TotalSeconds:0.######}s");
        return new ProbeResult(outcome, identification, address, duration, timeout, phases) { KexInit = kexInit, HostKey = hostKey };
    }

    private async Task<(ProbeOutcome, SshIdentification?, KexInitObservation?)> ConnectAndReadAsync(
        IPEndPoint endpoint, ModuleSettings module, TimeSpan[] phases, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
    {
        Socket socket;
        try
        {
            socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }
        catch (SocketException e)
        {
            // No IPv6 on this host, or no descriptors left: the address cannot be dialled from here.
            trace?.Write($"Could not open a socket: {e.SocketErrorCode}");
            return (OutcomeClassifier.FromConnectError(e.SocketErrorCode), null, null);
        }

        bool handedOff = false;
        try
        {
            (var outcome, var identification, var kexInit, handedOff) = await ConnectAndReadAsync(socket, endpoint, module, phases, trace, token, callerToken);
            return (outcome, identification, kexInit);
        }
        finally
        {
            if (!handedOff)
            {
                socket.Dispose();
            }
        }
    }

    private async Task<(ProbeOutcome, SshIdentification?, KexInitObservation?, bool HandedOff)> ConnectAndReadAsync(
        Socket socket, IPEndPoint endpoint, ModuleSettings module, TimeSpan[] phases, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
    {
        long phaseStart = time.GetTimestamp();
        trace?.Write($"Connecting to {endpoint}");
        try
        {
            await socket.ConnectAsync(endpoint, token);
        }
        catch (SocketException e)
        {
            phases[(int)ProbePhase.Connect] = time.GetElapsedTime(phaseStart);
            trace?.Write($"Connect failed: {e.SocketErrorCode}");
            return (OutcomeClassifier.FromConnectError(e.SocketErrorCode), null, null, false);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            phases[(int)ProbePhase.Connect] = time.GetElapsedTime(phaseStart);
            trace?.Write("Connect got no answer before the deadline");
            return (ProbeOutcome.ConnectTimeout, null, null, false);
        }

        phases[(int)ProbePhase.Connect] = time.GetElapsedTime(phaseStart);
        trace?.Write($"Connected from {socket.LocalEndPoint}");

        phaseStart = time.GetTimestamp();
        var reader = new IdentificationReader(socket, trace);
        BannerObservation seen;
        try
        {
            seen = await reader.ReadAsync(token);
        }
        catch (SocketException e)
        {
            trace?.Write($"Reading the identification failed: {e.SocketErrorCode}");
            seen = new BannerObservation(OutcomeClassifier.BannerEndFromSocketError(e.SocketErrorCode), reader.BytesRead, FromSshd: reader.PartialIdentification);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            trace?.Write($"No identification before the deadline ({reader.BytesRead} bytes read)");
            seen = new BannerObservation(BannerEnd.DeadlineHit, reader.BytesRead, FromSshd: reader.PartialIdentification);
        }

        phases[(int)ProbePhase.Banner] = time.GetElapsedTime(phaseStart);
        var outcome = OutcomeClassifier.FromBanner(seen);
        if (outcome != ProbeOutcome.Success)
        {
            return (outcome, seen.Identification, null, false);
        }

        if (!await SayGoodbyeAsync(socket, trace, token))
        {
            return (outcome, seen.Identification, module.ReadKexinit ? KexInitObservation.NotReceived : null, false);
        }

        // sshd sends its KEXINIT once it has our identification; the half-close does not stop it.
        KexInitObservation? kexInit = null;
        if (module.ReadKexinit)
        {
            phaseStart = time.GetTimestamp();
            kexInit = await KexInitStage.RunAsync(socket, trace, token, callerToken);
            phases[(int)ProbePhase.Kexinit] = time.GetElapsedTime(phaseStart);
        }

        // Waiting for the server to hang up is no part of the answer: it goes on after the probe returns.
        _ = CloseWhenServerHangsUpAsync(socket);
        return (outcome, seen.Identification, kexInit, true);
    }

    /// <summary>
    /// Sends our identification and half-closes, so that sshd logs a plain "Connection closed" instead of a
    /// banner-exchange error on every scrape. Returns false when the socket is already unusable.
    /// </summary>
    private async Task<bool> SayGoodbyeAsync(Socket socket, ProbeTrace? trace, CancellationToken token)
    {
        try
        {
            await socket.SendAsync(_clientLine, SocketFlags.None, token);
            socket.Shutdown(SocketShutdown.Send);
            trace?.Write("Sent our identification and half-closed the connection");
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Closing is a courtesy: the outcome is already decided and must not change.
            trace?.Write("Could not send our identification; closing at once");
            return false;
        }
    }

    /// <summary>
    /// Reads and discards what the server still sends (its key exchange) until it hangs up, so that our close
    /// is a FIN, not a RST; after <see cref="CloseGrace"/> or 64 KiB the socket is closed anyway.
    /// </summary>
    private async Task CloseWhenServerHangsUpAsync(Socket socket)
    {
        using (socket)
        using (var grace = new CancellationTokenSource(CloseGrace, time))
        {
            var buffer = new byte[1024];
            int drained = 0;
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, grace.Token)) > 0 && drained < 64 * 1024)
                {
                    drained += read;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // The server did not hang up in time, or reset: either way the socket is closed now.
            }
        }
    }
}
