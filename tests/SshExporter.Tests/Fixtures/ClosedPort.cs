using System.Net;
using System.Net.Sockets;

namespace SshExporter.Tests.Fixtures;

public static class ClosedPort
{
    /// <summary>A loopback port that nothing listens on: bound, read, and released again.</summary>
    public static int Find()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
