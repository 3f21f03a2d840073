using System.Net;
using System.Net.Sockets;
using SshExporter.Probing.HostKey;
using SshExporter.Probing.Kex;
using SshExporter.Probing.Restriction;
using SshExporter.Probing.Sockets;
using SshExporter.Probing.Wire;

namespace SshExporter.Probing;

/// <summary>
/// Probes one SSH target: resolve, connect, read the identification, read the server's KEXINIT when the module
/// asks (<see cref="KexInitStage"/>), then close politely. A module with a <c>host_key:</c> section goes on, on the
/// same connection, with one key exchange from that KEXINIT (<see cref="HostKeyProbe"/>) before it hangs up, so
/// sshd sees one connection and logs one close. One deadline bounds every step; what happened is handed to
/// <see cref="OutcomeClassifier"/>. The socket holds a slot of <paramref name="sockets"/> from before it is opened
/// until it is closed; a failure on this side (<see cref="LocalFailure"/>) is thrown as
/// <see cref="LocalProbeFailureException"/>, never classified as the target's outcome.
/// </summary>
public sealed class SshProber(TimeProvider time, string clientSoftwareVersion, SocketBudget? sockets = null)
{
    /// <summary>The budget every probe of this prober draws its socket from; one per process.</summary>
    public SocketBudget Sockets { get; } = sockets ?? new SocketBudget(SocketBudgetSize.Resolve(0));

    /// <summary>After our identification and FIN, how long we wait for the server to hang up first.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromMilliseconds(250);

    private readonly byte[] _clientLine = SshIdentification.ClientLine(clientSoftwareVersion);
    private readonly HostKeyProbe _hostKeyProbe = new(SshIdentification.ClientLine(clientSoftwareVersion));

    /// <summary>
    /// Probes <paramref name="target"/>; <paramref name="hostKeyPins"/> are the target's own configured fingerprints,
    /// checked with those of the module's known_hosts file when the module has a host key stage. A target outside
    /// <paramref name="restriction"/> throws <see cref="TargetRefusedException"/> before anything is dialled, its name
    /// before it takes a slot. The probe first takes a socket slot, waiting at most <paramref name="slotWait"/> (by default as long as its timeout); its
    /// <paramref name="timeout"/> starts only once it has one, so that time spent queueing on this side is never
    /// charged to the target as a timeout.
    /// </summary>
    public async Task<ProbeResult> ProbeAsync(
        TargetAddress target, ModuleSettings module, TimeSpan timeout, ProbeTrace? trace, CancellationToken cancellationToken,
        IReadOnlyList<HostKeyPin>? hostKeyPins = null, AllowedTargets? restriction = null, TimeSpan? slotWait = null)
    {
        // The name is checked before it is looked up, and the address after: the address checked is the one
        // dialled, with no second lookup that DNS could answer differently.
        restriction?.EnsureAllows(target);
        var slot = await AcquireSlotAsync(slotWait ?? timeout, trace, cancellationToken);
        bool slotPassedOn = false;
        try
        {
            return await ProbeInSlotAsync(target, module, timeout, trace, hostKeyPins, restriction, slot, () => slotPassedOn = true, cancellationToken);
        }
        finally
        {
            if (!slotPassedOn)
            {
                slot.Dispose();
            }
        }
    }

    private async Task<SocketSlot> AcquireSlotAsync(TimeSpan wait, ProbeTrace? trace, CancellationToken cancellationToken)
    {
        using var waitLimit = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, waitLimit.Token);
        try
        {
            return await Sockets.AcquireAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            trace?.Write($"No probe socket came free within {wait.TotalSeconds:0.###}s ({Sockets.InUse} of {Sockets.Limit} in use)");
            throw new LocalProbeFailureException(LocalFailure.SocketLimit);
        }
    }

    private async Task<ProbeResult> ProbeInSlotAsync(
        TargetAddress target, ModuleSettings module, TimeSpan timeout, ProbeTrace? trace,
        IReadOnlyList<HostKeyPin>? hostKeyPins, AllowedTargets? restriction, SocketSlot slot, Action slotPassedOn, CancellationToken cancellationToken)
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
                restriction?.EnsureAllows(address);
                var pins = module.HostKey?.PinsFor(target, hostKeyPins ?? []) ?? [];
                slotPassedOn();
                (outcome, identification, kexInit, hostKey) = await ConnectAndReadAsync(new IPEndPoint(address, target.Port), slot, module, pins, phases, trace, token, cancellationToken);
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

    private async Task<Stages> ConnectAndReadAsync(
        IPEndPoint endpoint, SocketSlot slot, ModuleSettings module, IReadOnlyList<HostKeyPin> pins, TimeSpan[] phases, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
    {
        Socket socket;
        try
        {
            socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }
        catch (SocketException e)
        {
            slot.Dispose();
            trace?.Write($"Could not open a socket: {e.SocketErrorCode}");
            if (LocalFailures.FromSocketCreation(e.SocketErrorCode) is { } local)
            {
                throw new LocalProbeFailureException(local);
            }

            // No IPv6 on this host: the address cannot be dialled from here.
            return new Stages(OutcomeClassifier.FromConnectError(e.SocketErrorCode), null, null, null);
        }

        bool handedOff = false;
        try
        {
            (var stages, handedOff) = await ConnectAndReadAsync(socket, slot, endpoint, module, pins, phases, trace, token, callerToken);
            return stages;
        }
        finally
        {
            if (!handedOff)
            {
                socket.Dispose();
                slot.Dispose();
            }
        }
    }

    private async Task<(Stages, bool HandedOff)> ConnectAndReadAsync(
        Socket socket, SocketSlot slot, IPEndPoint endpoint, ModuleSettings module, IReadOnlyList<HostKeyPin> pins, TimeSpan[] phases, ProbeTrace? trace, CancellationToken token, CancellationToken callerToken)
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
            if (LocalFailures.FromConnect(e.SocketErrorCode) is { } local)
            {
                throw new LocalProbeFailureException(local);
            }

            return (new Stages(OutcomeClassifier.FromConnectError(e.SocketErrorCode), null, null, null), false);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            phases[(int)ProbePhase.Connect] = time.GetElapsedTime(phaseStart);
            trace?.Write("Connect got no answer before the deadline");
            return (new Stages(ProbeOutcome.ConnectTimeout, null, null, null), false);
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
            return (new Stages(outcome, seen.Identification, null, null), false);
        }

        // Without a host key stage we half-close at once, as a banner probe does; with one the connection goes on.
        var hostKeySettings = module.HostKey;
        if (!await SendIdentificationAsync(socket, halfClose: hostKeySettings is null, trace, token))
        {
            return (new Stages(outcome, seen.Identification, module.ReadKexinit ? KexInitObservation.NotReceived : null,
                hostKeySettings is null ? null : HostKeyResult.Failed("could not send our identification", pins)), false);
        }

        KexInitObservation? kexInit = null;
        HostKeyResult? hostKey = null;
        if (module.ReadKexinit || hostKeySettings is not null)
        {
            // sshd sends its KEXINIT once it has our identification; a half-close does not stop it. The host key
            // stage negotiates from this same packet, so with read_kexinit off its read counts as the host_key phase.
            phaseStart = time.GetTimestamp();
            using var packets = new SshPacketReader(socket);
            var offer = await KexInitStage.ReadAsync(packets, trace, token, callerToken);
            if (module.ReadKexinit)
            {
                kexInit = KexInitStage.Judge(offer, trace);
                phases[(int)ProbePhase.Kexinit] = time.GetElapsedTime(phaseStart);
                phaseStart = time.GetTimestamp();
            }

            if (hostKeySettings is not null)
            {
                hostKey = await _hostKeyProbe.RunAsync(socket, packets, reader.Line!, offer, hostKeySettings, pins, trace, token, callerToken);
                phases[(int)ProbePhase.HostKey] = time.GetElapsedTime(phaseStart);
                HalfClose(socket);
            }
        }

        // Waiting for the server to hang up is no part of the answer: it goes on after the probe returns.
        _ = CloseWhenServerHangsUpAsync(socket, slot);
        return (new Stages(outcome, seen.Identification, kexInit, hostKey), true);
    }

    /// <summary>
    /// Sends our identification, and half-closes when nothing more is to come, so that sshd logs a plain
    /// "Connection closed" instead of a banner-exchange error on every scrape. Returns false when the socket is
    /// already unusable.
    /// </summary>
    private async Task<bool> SendIdentificationAsync(Socket socket, bool halfClose, ProbeTrace? trace, CancellationToken token)
    {
        try
        {
            await socket.SendAsync(_clientLine, SocketFlags.None, token);
            if (halfClose)
            {
                socket.Shutdown(SocketShutdown.Send);
            }

            trace?.Write(halfClose ? "Sent our identification and half-closed the connection" : "Sent our identification");
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Closing is a courtesy: the outcome is already decided and must not change.
            trace?.Write("Could not send our identification; closing at once");
            return false;
        }
    }

    /// <summary>We hang up before NEWKEYS: sshd reads our FIN and logs a plain close, never an authentication.</summary>
    private static void HalfClose(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server reset already: the socket is closed below anyway.
        }
    }

    /// <summary>
    /// Reads and discards what the server still sends (its key exchange) until it hangs up, so that our close
    /// is a FIN, not a RST; after <see cref="CloseGrace"/> or 64 KiB the socket is closed anyway, and only then is
    /// its slot given back.
    /// </summary>
    private async Task CloseWhenServerHangsUpAsync(Socket socket, SocketSlot slot)
    {
        using (slot)
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

    /// <summary>What the stages on one connection gave; null where a stage did not run.</summary>
    private readonly record struct Stages(ProbeOutcome Outcome, SshIdentification? Identification, KexInitObservation? KexInit, HostKeyResult? HostKey);
}
