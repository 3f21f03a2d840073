using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshExporter.Tests.Load;

/// <summary>
/// Connections to the exporter that a load leaves behind and never finishes: half never send a byte (a client pool's
/// spare connection, opened and never used), half stop in the middle of their request headers. The test keeps them
/// open, so only the exporter's own idle and header timeouts can give their descriptors back.
/// </summary>
public sealed class StalledClients : IDisposable
{
    private static readonly byte[] PartialRequest = Encoding.ASCII.GetBytes("GET /-/healthy HTTP/1.1\r\nHost: localhost\r\nX-Stalled: ");

    private readonly List<Socket> _sockets = [];

    private StalledClients()
    {
    }

    public int Count => _sockets.Count;

    public static async Task<StalledClients> OpenAsync(int port, int count, CancellationToken cancellationToken)
    {
        var stalled = new StalledClients();
        for (int i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            stalled._sockets.Add(socket);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            if (i % 2 == 1)
            {
                await socket.SendAsync(PartialRequest, SocketFlags.None, cancellationToken);
            }
        }

        return stalled;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
