using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshExporter.Tests.Probing;

/// <summary>
/// A TCP client of a real sshd on 127.0.0.1 that reads sshd's identification and never sends one of its own: it
/// holds one of sshd's unauthenticated slots until disposed. Having read everything sshd sent, its close is a
/// plain FIN, never a reset, so sshd logs it the same way every time.
/// </summary>
internal sealed class SilentClient : IDisposable
{
    private static readonly TimeSpan IdentificationLimit = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;

    private SilentClient(Socket socket, string identification)
    {
        _socket = socket;
        Identification = identification;
    }

    /// <summary>sshd's identification line, without its line end.</summary>
    public string Identification { get; }

    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Connects and returns once sshd's identification has arrived: sshd's process for this connection runs by then.</summary>
    public static async Task<SilentClient> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            var line = new StringBuilder();
            var buffer = new byte[1];
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(IdentificationLimit);
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token) == 1 && buffer[0] != '\n')
            {
                line.Append((char)buffer[0]);
            }

            return new SilentClient(socket, line.ToString().TrimEnd('\r'));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();
}
