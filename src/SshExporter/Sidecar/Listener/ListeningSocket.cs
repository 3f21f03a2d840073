using System.Net;

namespace SshExporter.Sidecar.Listener;

/// <summary>
/// A TCP socket in LISTEN, as one line of <c>/proc/net/tcp</c> or <c>tcp6</c> shows it: what <c>ss -tln</c> lists.
/// <paramref name="Owner"/> is null when no process could be named (not scanned, or not allowed to look).
/// </summary>
public sealed record ListeningSocket(IPAddress Address, int Port, ulong Inode, SocketOwner? Owner = null)
{
    /// <summary>Bound to a loopback address (127.0.0.0/8, ::1 or ::ffff:127.x): it answers locally only.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address.IsIPv4MappedToIPv6 ? Address.MapToIPv4() : Address);

    /// <summary>Bound to 0.0.0.0 or ::, every address of the host.</summary>
    public bool IsWildcard => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);

    /// <summary><c>0.0.0.0:22</c>, <c>[::]:22</c>, as <c>ss</c> prints it.</summary>
    public override string ToString() => new IPEndPoint(Address, Port).ToString();
}
