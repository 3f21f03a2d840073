using System.Net.Sockets;
using SshExporter.Probing.Sockets;

namespace SshExporter.Tests.Probing.Sockets;

/// <summary>Which socket errors are the exporter's own side, and which remain the target's outcome.</summary>
public class LocalFailuresTests
{
    [Theory]
    [InlineData(SocketError.TooManyOpenSockets, LocalFailure.OutOfDescriptors)]
    [InlineData(SocketError.AddressNotAvailable, LocalFailure.OutOfPorts)]
    [InlineData(SocketError.AccessDenied, LocalFailure.BlockedLocally)]
    public void A_connect_error_of_this_host_is_a_local_failure(SocketError error, LocalFailure expected)
    {
        Assert.Equal(expected, LocalFailures.FromConnect(error));
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused)]
    [InlineData(SocketError.ConnectionReset)]
    [InlineData(SocketError.TimedOut)]
    [InlineData(SocketError.HostUnreachable)]
    [InlineData(SocketError.NetworkUnreachable)]
    public void A_connect_error_the_network_or_target_caused_is_not(SocketError error)
    {
        Assert.Null(LocalFailures.FromConnect(error));
    }

    [Fact]
    public void Creating_a_socket_fails_locally_only_for_want_of_descriptors()
    {
        Assert.Equal(LocalFailure.OutOfDescriptors, LocalFailures.FromSocketCreation(SocketError.TooManyOpenSockets));
        Assert.Null(LocalFailures.FromSocketCreation(SocketError.AddressFamilyNotSupported));
    }

    [Fact]
    public void Every_reason_has_its_label()
    {
        Assert.Equal(["socket_limit", "out_of_descriptors", "out_of_ports", "blocked_locally"], LocalFailures.All.Select(f => f.ToLabel()));
    }
}
