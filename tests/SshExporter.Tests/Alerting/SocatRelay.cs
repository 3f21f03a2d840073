using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// socat relays between a TCP port inside a network namespace and a Unix socket. A Unix socket is a file, and
/// the filesystem is the same in every namespace, so this joins the test process (in the root namespace, whose
/// network the test never changes) with servers in the monitoring namespace, in either direction.
/// </summary>
public static class SocatRelay
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);

    /// <summary>Connections to 127.0.0.1:<paramref name="port"/> inside <paramref name="inside"/> reach the server on <paramref name="socketPath"/>.</summary>
    public static async Task<BackgroundProcess> TcpToUnixAsync(NetworkNamespace inside, int port, string socketPath, CancellationToken cancellationToken)
    {
        var relay = BackgroundProcess.Start(inside.Wrap(Requires.Tool("socat"), [$"TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr", $"UNIX-CONNECT:{socketPath}"]));
        return await ReadyAsync(relay, () => inside.IsListeningAsync(port, cancellationToken), cancellationToken);
    }

    /// <summary>Connections to <paramref name="socketPath"/> reach 127.0.0.1:<paramref name="port"/> inside <paramref name="inside"/>.</summary>
    public static async Task<BackgroundProcess> UnixToTcpAsync(NetworkNamespace inside, string socketPath, int port, CancellationToken cancellationToken)
    {
        var relay = BackgroundProcess.Start(inside.Wrap(Requires.Tool("socat"), [$"UNIX-LISTEN:{socketPath},fork", $"TCP:127.0.0.1:{port}"]));
        return await ReadyAsync(relay, () => Task.FromResult(File.Exists(socketPath)), cancellationToken);
    }

    private static async Task<BackgroundProcess> ReadyAsync(BackgroundProcess relay, Func<Task<bool>> listening, CancellationToken cancellationToken)
    {
        try
        {
            Assert.True(await relay.WaitUntilReadyAsync(listening, ReadyLimit, cancellationToken), $"socat exited instead of listening:\n{relay.Output}");
            return relay;
        }
        catch (Exception e)
        {
            await Cleanup.AfterFailureAsync(e, relay);
            throw;
        }
    }
}
