namespace SshExporter.Sidecar.Listener;

/// <summary>
/// The result of the listener check: every listening socket of the namespace (owners are looked up only for
/// those on watched ports), and the watched ports. When
/// <see cref="Status"/> says it could not run, both lists are empty and must not be read as "nothing listens".
/// </summary>
public sealed record ListenerReport(CheckStatus Status, IReadOnlyList<ListeningSocket> Sockets, IReadOnlyList<PortListeners> Ports)
{
    /// <summary>The watched port's listeners, or null when the port was not asked about.</summary>
    public PortListeners? ForPort(int port) => Ports.FirstOrDefault(p => p.Port == port);

    /// <summary>
    /// Each distinct (port, address, owning command) on the watched ports. Sockets that differ only in their inode,
    /// such as SO_REUSEPORT twins, are one binding.
    /// </summary>
    public IReadOnlyList<ListenerBinding> Bindings =>
        [.. Ports.SelectMany(p => p.Sockets.Select(s => new ListenerBinding(p.Port, s.Address.ToString(), s.Owner?.Command ?? ""))).Distinct()];
}
