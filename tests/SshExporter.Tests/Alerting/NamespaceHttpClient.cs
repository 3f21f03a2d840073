using System.Net.Sockets;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>An HTTP client in the test process for a server on 127.0.0.1 inside a network namespace, through a socat relay.</summary>
public sealed class NamespaceHttpClient : IAsyncDisposable
{
    private readonly BackgroundProcess _relay;

    private NamespaceHttpClient(BackgroundProcess relay, string socketPath)
    {
        _relay = relay;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The host name is never resolved: every connection goes to the relay's socket.
        Http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public static async Task<NamespaceHttpClient> StartAsync(NetworkNamespace inside, int port, string socketPath, CancellationToken cancellationToken) =>
        new(await SocatRelay.UnixToTcpAsync(inside, socketPath, port, cancellationToken), socketPath);

    public ValueTask DisposeAsync() => Cleanup.DisposeAllAsync(Cleanup.Of(Http), _relay);
}
