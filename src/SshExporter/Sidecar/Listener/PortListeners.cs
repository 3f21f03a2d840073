namespace SshExporter.Sidecar.Listener;

/// <summary>Everything in LISTEN on one watched port: the answer to runbook step 4 for that port.</summary>
public sealed record PortListeners(int Port, IReadOnlyList<ListeningSocket> Sockets)
{
    /// <summary>Something listens on the port: <c>sshd_listener_up{port} 1</c>.</summary>
    public bool Listening => Sockets.Count > 0;

    /// <summary>
    /// Every socket on the port is bound to loopback: it answers "ssh localhost" but refuses remote clients, so a
    /// remote "refused" while the listener is up need not be the firewall.
    /// </summary>
    public bool LoopbackOnly => Listening && Sockets.All(s => s.IsLoopback);

    /// <summary>The bound addresses, e.g. <c>0.0.0.0</c>, <c>::</c>, <c>127.0.0.1</c>.</summary>
    public IReadOnlyList<string> Addresses => [.. Sockets.Select(s => s.Address.ToString()).Distinct()];

    /// <summary>The distinct commands owning the sockets that could be named, e.g. <c>sshd</c>.</summary>
    public IReadOnlyList<string> Owners => [.. Sockets.Where(s => s.Owner is not null).Select(s => s.Owner!.Command).Distinct()];
}
