using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// A real TCP server on 127.0.0.1 whose side of each connection is a script: send a banner, stay silent,
/// hang up, reset, flood. Tests probe it through real sockets and read what the prober concluded.
/// </summary>
public sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Socket, CancellationToken, Task> _script;
    private readonly Task _acceptLoop;

    public ScriptedPeer(Func<Socket, CancellationToken, Task> script)
    {
        _script = script;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Target => $"127.0.0.1:{Port}";

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Sends <paramref name="text"/>, then keeps the connection open until the client hangs up.</summary>
    public static ScriptedPeer Sends(string text) => SendsBytes(Encoding.ASCII.GetBytes(text));

    public static ScriptedPeer SendsBytes(byte[] bytes) => new(async (socket, ct) =>
    {
        await socket.SendAsync(bytes, SocketFlags.None, ct);
        await DrainUntilClosedAsync(socket, ct);
    });

    /// <summary>
    /// Behaves as sshd does up to its key exchange: sends <paramref name="banner"/>, reads the client's identification
    /// line, then runs <paramref name="then"/>, which sends what the test puts where sshd's KEXINIT would be.
    /// </summary>
    public static ScriptedPeer AfterClientIdentification(Func<Socket, CancellationToken, Task> then, string banner = "SSH-2.0-OpenSSH_9.2p1\r\n") =>
        new(async (socket, ct) =>
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(banner), SocketFlags.None, ct);
            if (await ReadLineAsync(socket, ct) is not null)
            {
                await then(socket, ct);
            }
        });

    /// <summary>One line, read a byte at a time as sshd reads an identification; null when the client hangs up first.</summary>
    public static async Task<string?> ReadLineAsync(Socket socket, CancellationToken ct)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await socket.ReceiveAsync(one, SocketFlags.None, ct) == 1)
        {
            line.Append((char)one[0]);
            if (one[0] == '\n')
            {
                return line.ToString();
            }
        }

        return null;
    }

    /// <summary>Sends <paramref name="text"/>, then hangs up at once with a FIN.</summary>
    public static ScriptedPeer SendsAndHangsUp(string text) => new(async (socket, ct) =>
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, ct);
        socket.Shutdown(SocketShutdown.Both);
    });

    /// <summary>Accepts and never says a word.</summary>
    public static ScriptedPeer Silent() => new((socket, ct) => DrainUntilClosedAsync(socket, ct));

    /// <summary>Accepts, then closes at once with a FIN.</summary>
    public static ScriptedPeer ClosesAtOnce() => new((socket, _) =>
    {
        socket.Shutdown(SocketShutdown.Both);
        return Task.CompletedTask;
    });

    /// <summary>Accepts, then resets at once (SO_LINGER 0 turns close into a RST).</summary>
    public static ScriptedPeer ResetsAtOnce() => new((socket, _) =>
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        return Task.CompletedTask;
    });

    /// <summary>Sends bytes with no line feed as fast as the client takes them.</summary>
    public static ScriptedPeer Floods() => new(async (socket, ct) =>
    {
        var junk = Encoding.ASCII.GetBytes(new string('A', 16 * 1024));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await socket.SendAsync(junk, SocketFlags.None, ct);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The client hung up, as it should once it has seen enough.
        }
    });

    public static async Task DrainUntilClosedAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, ct) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            Accepted++;
            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    try
                    {
                        await _script(socket, _stop.Token);
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
