using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Listener;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Listener;

/// <summary>The listener check against this machine's real /proc, with listeners the tests open and close.</summary>
public class ListenerCheckLiveTests
{
    private static readonly HostPaths ThisHost = new();

    [Fact]
    public void Listeners_the_test_opens_are_found_with_their_addresses_and_this_process_as_owner()
    {
        RequireProcNet();
        Assert.SkipUnless(Socket.OSSupportsIPv6, "needs IPv6 for the [::] listener");
        using var v4 = new TcpListener(IPAddress.Loopback, 0);
        using var v6 = new TcpListener(IPAddress.IPv6Any, 0);
        v4.Start();
        v6.Start();
        int v4Port = ((IPEndPoint)v4.LocalEndpoint).Port;
        int v6Port = ((IPEndPoint)v6.LocalEndpoint).Port;

        ListenerReport report = new ListenerCheck(ThisHost).Run([v4Port, v6Port]);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        // Other tests may bind the same port numbers in the other address family at any moment: only this test's
        // own sockets, told apart by inode, are asserted on.
        ListeningSocket loopback = Own(report.ForPort(v4Port)!, v4.Server);
        ListeningSocket wildcard = Own(report.ForPort(v6Port)!, v6.Server);
        Assert.Equal("127.0.0.1", loopback.Address.ToString());
        Assert.True(loopback.IsLoopback);
        Assert.Equal("::", wildcard.Address.ToString());
        Assert.True(wildcard.IsWildcard);
        var self = new SocketOwner(Environment.ProcessId, File.ReadAllText("/proc/self/comm").TrimEnd('\n'));
        Assert.Equal(self, loopback.Owner);
        Assert.Equal(self, wildcard.Owner);
    }

    [Fact]
    public void A_closed_port_is_not_listening_and_the_check_still_ran()
    {
        RequireProcNet();
        int port = ClosedPort.Find();

        ListenerReport report = new ListenerCheck(ThisHost).Run([port]);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        Assert.False(report.ForPort(port)!.Listening);
        Assert.Empty(report.ForPort(port)!.Sockets);
    }

    [Fact]
    public void A_listener_that_stopped_is_gone_from_the_table()
    {
        RequireProcNet();
        Assert.SkipUnless(Socket.OSSupportsIPv6, "needs IPv6 for the neighbour on [::1]");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // Tests run in parallel, so another socket may bind this port number at any moment: one does here, always.
        // The sockets are told apart by their inodes, never by the port alone.
        using var neighbour = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = false };
        neighbour.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
        neighbour.Listen();
        ulong inode = InodeOf(listener.Server);
        Assert.Contains(new ListenerCheck(ThisHost).Run([port]).ForPort(port)!.Sockets, s => s.Inode == inode);

        listener.Dispose();

        var after = new ListenerCheck(ThisHost).Run([port]).ForPort(port)!;
        Assert.DoesNotContain(after.Sockets, s => s.Inode == inode);
        Assert.Contains(after.Sockets, s => s.Inode == InodeOf(neighbour));
    }

    [Fact]
    public void Without_owner_resolution_the_listener_is_found_and_no_owner_named()
    {
        RequireProcNet();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        ListenerReport report = new ListenerCheck(ThisHost, new ListenerCheckOptions { ResolveOwners = false }).Run([port]);

        Assert.Null(Own(report.ForPort(port)!, listener.Server).Owner);
    }

    [Fact]
    public void Pid_1s_namespace_is_readable_on_this_machine()
    {
        RequireProcNet();
        var options = new ListenerCheckOptions { NetDirectory = ListenerCheckOptions.Pid1NetworkNamespace };

        ListenerReport report = new ListenerCheck(ThisHost, options).Run([22]);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        Assert.Contains("1/net/tcp", report.Status.Detail, StringComparison.Ordinal);
    }

    [NeedsSshd]
    [Fact]
    public async Task A_real_sshd_is_found_on_its_port_and_named_as_the_owner()
    {
        RequireProcNet();
        await using SshdFixture sshd = await SshdFixture.StartAsync(TestContext.Current.CancellationToken);

        ListenerReport report = new ListenerCheck(ThisHost).Run([sshd.Port]);

        // sshd's own socket, by its owner: another test's socket may share the port number in the other family.
        var owned = Assert.Single(report.ForPort(sshd.Port)!.Sockets, s => s.Owner?.Pid == sshd.Pid);
        Assert.Equal("127.0.0.1", owned.Address.ToString());
        Assert.Equal("sshd", owned.Owner!.Command);
    }

    [NeedsSshd]
    [Fact]
    public async Task After_sshd_stops_its_port_is_not_listening()
    {
        RequireProcNet();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SshdFixture sshd = await SshdFixture.StartAsync(ct);

        ulong inode = Assert.Single(new ListenerCheck(ThisHost).Run([sshd.Port]).ForPort(sshd.Port)!.Sockets, s => s.Owner?.Pid == sshd.Pid).Inode;

        await sshd.TerminateAsync(ct);

        // Its socket is gone; the port number itself may be taken by another test's socket by now.
        Assert.DoesNotContain(new ListenerCheck(ThisHost).Run([sshd.Port]).ForPort(sshd.Port)!.Sockets, s => s.Inode == inode);
    }

    /// <summary>This test's own socket among those listening on its port.</summary>
    private static ListeningSocket Own(PortListeners listeners, Socket socket) =>
        Assert.Single(listeners.Sockets, s => s.Inode == InodeOf(socket));

    /// <summary>The inode of one of this process's sockets, from the link its descriptor is in /proc/self/fd.</summary>
    private static ulong InodeOf(Socket socket)
    {
        string link = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle()}").LinkTarget!;
        return ulong.Parse(link["socket:[".Length..^1], CultureInfo.InvariantCulture);
    }

    private static void RequireProcNet() =>
        Assert.SkipUnless(File.Exists("/proc/net/tcp"), "needs Linux's /proc/net/tcp");
}
