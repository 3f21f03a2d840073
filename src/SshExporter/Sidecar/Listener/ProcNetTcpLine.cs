using System.Net;

namespace SshExporter.Sidecar.Listener;

/// <summary>The fields of one <c>/proc/net/tcp(6)</c> line that the listener check needs.</summary>
public readonly record struct ProcNetTcpLine(IPAddress LocalAddress, int LocalPort, int State, ulong Inode)
{
    /// <summary>TCP_LISTEN in the kernel's state numbering (include/net/tcp_states.h).</summary>
    public const int ListenState = 0x0A;

    public bool IsListen => State == ListenState;
}
