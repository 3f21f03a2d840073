namespace SshExporter.Probing.Sockets;

/// <summary>One probe socket's place in the <see cref="SocketBudget"/>; disposing it (once, however often called) gives the place back.</summary>
public sealed class SocketSlot : IDisposable
{
    private SocketBudget? _budget;

    internal SocketSlot(SocketBudget budget) => _budget = budget;

    public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release();
}
