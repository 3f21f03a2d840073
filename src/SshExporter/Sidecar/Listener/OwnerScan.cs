namespace SshExporter.Sidecar.Listener;

/// <summary>
/// What a scan of <c>/proc/*/fd</c> found: the owner per socket inode, and how far it got. Processes whose
/// descriptors may not be read (other users' processes when not root) are counted, not treated as a failure.
/// </summary>
public sealed record OwnerScan(
    IReadOnlyDictionary<ulong, SocketOwner> Owners,
    int ProcessesScanned,
    int ProcessesDenied,
    bool LimitReached);
