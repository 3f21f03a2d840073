namespace SshExporter.Sidecar.Listener;

/// <summary>A process holding a socket open: its pid and <c>/proc/PID/comm</c> (what <c>ss -p</c> names).</summary>
public sealed record SocketOwner(int Pid, string Command);
