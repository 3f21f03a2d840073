using System.Net;
using Microsoft.AspNetCore.Connections;

namespace SshExporter.Web;

/// <summary>
/// Accepts a connection only while fewer than <paramref name="limit"/> are open; the others wait in the kernel's listen
/// queue, where they hold none of our descriptors. Kestrel's own MaxConcurrentConnections accepts every connection
/// first and closes those over its limit afterwards, so under a flood the accepted-then-refused connections took
/// descriptors faster than they were given back, and the runtime (which reads /proc for its GC and loads assemblies on
/// first use) aborted when it found none free.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "It lives as long as the host, and connections still closing give slots back after it; a SemaphoreSlim holds no kernel handle unless its AvailableWaitHandle is read.")]
public sealed class BoundedConnectionListenerFactory(IConnectionListenerFactory transport, long limit) : IConnectionListenerFactory
{
    private readonly SemaphoreSlim _open = new((int)Math.Clamp(limit, 1, int.MaxValue));

    /// <summary>
    /// Every connection slot is taken, so that a client's next connection waits until one closes: a response then says
    /// <c>Connection: close</c>, since a client's idle keep-alive connections would otherwise hold the slots until the
    /// idle timeout while new ones wait behind them.
    /// </summary>
    public bool AtLimit => _open.CurrentCount == 0;

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        new Listener(await transport.BindAsync(endpoint, cancellationToken), _open);

    private sealed class Listener(IConnectionListener transport, SemaphoreSlim open) : IConnectionListener
    {
        /// <summary>Kestrel accepts without a token and expects null once unbound, even while every slot is taken.</summary>
        private readonly CancellationTokenSource _unbound = new();

        public EndPoint EndPoint => transport.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _unbound.Token);
            try
            {
                await open.WaitAsync(stop.Token);
            }
            catch (OperationCanceledException) when (_unbound.IsCancellationRequested)
            {
                return null;
            }

            ConnectionContext? connection;
            try
            {
                connection = await transport.AcceptAsync(cancellationToken);
            }
            catch
            {
                open.Release();
                throw;
            }

            if (connection is null)
            {
                open.Release();
                return null;
            }

            // Fires once the transport has closed the socket.
            connection.ConnectionClosed.Register(static state => ((SemaphoreSlim)state!).Release(), open);
            return connection;
        }

        public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            await _unbound.CancelAsync();
            await transport.UnbindAsync(cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            _unbound.Dispose();
            return transport.DisposeAsync();
        }
    }
}
