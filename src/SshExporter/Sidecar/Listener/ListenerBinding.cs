namespace SshExporter.Sidecar.Listener;

/// <summary>
/// One series of <c>sshd_listener_info</c>: a watched port, an address bound on it as <c>ss</c> prints it, and the
/// command holding the socket (empty when it could not be named). Who holds the port answers "is it sshd at all?".
/// </summary>
public sealed record ListenerBinding(int Port, string Address, string Process);
