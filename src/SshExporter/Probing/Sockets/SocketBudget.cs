namespace SshExporter.Probing.Sockets;

/// <summary>
/// The one process-wide budget of probe sockets in flight, shared by <c>/probe</c>, every <c>/metrics</c> scrape
/// and the sidecar's loopback probes: a probe takes a <see cref="SocketSlot"/> before it opens its socket and gives
/// it back once the socket is closed. Waiters are served in arrival order and wait only as long as their token lets
/// them (the probe's own deadline).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "It lives as long as the process, and probes still closing give slots back after any owner would have disposed it; a SemaphoreSlim holds no kernel handle unless its AvailableWaitHandle is read.")]
public sealed class SocketBudget
{
    /// <summary>How many waiters per slot <see cref="QueueIsFull"/> allows before <c>/probe</c> refuses at once, but never fewer than <see cref="MinWaiting"/>.</summary>
    public const int WaitersPerSlot = 4;

    /// <summary>A small budget still lets a burst queue: each waiter is a few hundred bytes and one HTTP connection.</summary>
    public const int MinWaiting = 1024;

    private readonly SemaphoreSlim _slots;
    private int _waiting;

    public SocketBudget(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    public int Limit { get; }

    public int InUse => Limit - _slots.CurrentCount;

    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// So many probes wait already that one more would only pile up: <c>/probe</c> answers 503 at once instead of
    /// holding its HTTP connection (a descriptor too) for a slot that is unlikely to come in time.
    /// </summary>
    public bool QueueIsFull => Waiting >= MaxWaiting;

    public int MaxWaiting => Math.Max(MinWaiting, Limit * WaitersPerSlot);

    /// <summary>A slot, at once or when one comes free; throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires first.</summary>
    public async Task<SocketSlot> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new SocketSlot(this);
    }

    internal void Release() => _slots.Release();
}
