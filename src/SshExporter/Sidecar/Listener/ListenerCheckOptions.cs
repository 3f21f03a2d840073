namespace SshExporter.Sidecar.Listener;

/// <summary>Where the listener check looks and how much work it may do naming owners.</summary>
public sealed record ListenerCheckOptions
{
    /// <summary>
    /// <c>net</c>, a link to <c>self/net</c>: the network namespace of the process reading it, whatever procfs it is
    /// read through. Right on the host, in a container of sshd's own pod (a pod's containers share one network
    /// namespace) and in a DaemonSet with <c>hostNetwork: true</c> (its namespace is the host's).
    /// </summary>
    public const string OwnNetworkNamespace = "net";

    /// <summary>
    /// <c>1/net</c>: the network namespace of PID 1 of the procfs. With the host's /proc mounted into a container
    /// without hostNetwork (say at /host/proc), that is the host's, where sshd listens, while <c>net</c> there still
    /// shows the container's own namespace.
    /// </summary>
    public const string Pid1NetworkNamespace = "1/net";

    /// <summary>The directory under the procfs root holding <c>tcp</c> and <c>tcp6</c>.</summary>
    public string NetDirectory { get; init; } = OwnNetworkNamespace;

    /// <summary>Whether to name the process owning each socket on a watched port (scans /proc/*/fd).</summary>
    public bool ResolveOwners { get; init; } = true;

    /// <summary>The owner scan gives up after this many processes, so a huge host cannot stall a scrape.</summary>
    public int MaxProcessesScanned { get; init; } = 4096;

    /// <summary>The owner scan gives up after this many file descriptors in all.</summary>
    public int MaxDescriptorsScanned { get; init; } = 65536;
}
