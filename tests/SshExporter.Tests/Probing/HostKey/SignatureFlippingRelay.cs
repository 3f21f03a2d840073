using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SshExporter.Tests.Probing.HostKey;

/// <summary>
/// A man in the middle on 127.0.0.1 between the prober and a real sshd, passing everything through except one bit:
/// in the server's SSH_MSG_KEX_ECDH_REPLY (31) it flips the last byte, which is the last byte of the signature over
/// the exchange hash. Packets before NEWKEYS are in the clear with no MAC, so only the signature check can notice.
/// </summary>
internal sealed class SignatureFlippingRelay : IAsyncDisposable
{
    private const byte KexEcdhReply = 31;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _serverPort;
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private int _flipped;

    public SignatureFlippingRelay(int serverPort)
    {
        _serverPort = serverPort;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string Target => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int SignaturesFlipped => Volatile.Read(ref _flipped);

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _serverPort), _stop.Token);
                await Task.WhenAll(CopyAsync(client, server), ServerToClientAsync(server, client));
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }

        to.Shutdown(SocketShutdown.Send);
    }

    /// <summary>The identification line as is, then whole packets, the reply changed, until the first NEWKEYS; then bytes as they come.</summary>
    private async Task ServerToClientAsync(Socket from, Socket to)
    {
        var one = new byte[1];
        do
        {
            if (!await ReadExactlyAsync(from, one))
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            await to.SendAsync(one, SocketFlags.None, _stop.Token);
        }
        while (one[0] != '\n');

        var header = new byte[4];
        while (await ReadExactlyAsync(from, header))
        {
            var packet = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
            if (!await ReadExactlyAsync(from, packet))
            {
                break;
            }

            int payloadEnd = packet.Length - packet[0];
            if (packet[1] == KexEcdhReply)
            {
                packet[payloadEnd - 1] ^= 0x01;
                Interlocked.Increment(ref _flipped);
            }

            await to.SendAsync(header, SocketFlags.None, _stop.Token);
            await to.SendAsync(packet, SocketFlags.None, _stop.Token);
            if (packet[1] == KexEcdhReply)
            {
                await CopyAsync(from, to);
                return;
            }
        }

        to.Shutdown(SocketShutdown.Send);
    }

    private async Task<bool> ReadExactlyAsync(Socket from, byte[] into)
    {
        int done = 0;
        while (done < into.Length)
        {
            int read = await from.ReceiveAsync(into.AsMemory(done), SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return false;
            }

            done += read;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
