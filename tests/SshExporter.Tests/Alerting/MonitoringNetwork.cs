using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The monitoring network: a namespace of its own ("mon", where Prometheus, Alertmanager and the central exporter
/// run) with a bridge, which each SSH server's namespace joins through a veth pair. Addresses are in 127.1.0.0/16
/// (the bridge 127.1.0.1, the servers from 127.1.0.2), which the kernel routes between interfaces only with
/// <c>route_localnet</c>: set in each namespace involved, never in the root namespace.
/// </summary>
public sealed class MonitoringNetwork : IAsyncDisposable
{
    public const string BridgeAddress = "127.1.0.1";
    private const string Bridge = "br0";
    private const string HostInterface = "eth0";
    private const int PrefixLength = 16;

    private int _joined;

    private MonitoringNetwork(NetworkNamespace monitoring) => Namespace = monitoring;

    /// <summary>The monitoring namespace.</summary>
    public NetworkNamespace Namespace { get; }

    public static async Task<MonitoringNetwork> CreateAsync(CancellationToken cancellationToken)
    {
        var network = new MonitoringNetwork(await NetworkNamespace.CreateAsync(cancellationToken));
        try
        {
            string ip = Requires.Tool("ip");
            await network.Namespace.RunCheckedAsync([ip, "link", "add", Bridge, "type", "bridge"], cancellationToken);
            await network.Namespace.RunCheckedAsync([ip, "address", "add", $"{BridgeAddress}/{PrefixLength}", "dev", Bridge], cancellationToken);
            await network.Namespace.RunCheckedAsync([ip, "link", "set", Bridge, "up"], cancellationToken);
            await network.Namespace.SysctlAsync(RouteLocalnet("all", "lo", Bridge), cancellationToken);
        }
        catch (Exception e)
        {
            await Cleanup.AfterFailureAsync(e, network);
            throw;
        }

        return network;
    }

    /// <summary>Connects <paramref name="server"/> to the bridge and returns the address it got there.</summary>
    public async Task<string> JoinAsync(NetworkNamespace server, CancellationToken cancellationToken)
    {
        int index = Interlocked.Increment(ref _joined);
        string address = $"127.1.0.{index + 1}";
        string outside = $"veth{index}";
        string ip = Requires.Tool("ip");
        await Namespace.RunCheckedAsync([ip, "link", "add", outside, "type", "veth", "peer", "name", HostInterface, "netns", server.Name], cancellationToken);
        await Namespace.RunCheckedAsync([ip, "link", "set", outside, "master", Bridge, "up"], cancellationToken);
        await Namespace.SysctlAsync(RouteLocalnet(outside), cancellationToken);
        await server.RunCheckedAsync([ip, "address", "add", $"{address}/{PrefixLength}", "dev", HostInterface], cancellationToken);
        await server.RunCheckedAsync([ip, "link", "set", HostInterface, "up"], cancellationToken);
        await server.SysctlAsync(RouteLocalnet("all", "lo", HostInterface), cancellationToken);
        return address;
    }

    /// <summary>
    /// An upstream firewall: the monitoring side drops what <paramref name="address"/> sends from
    /// <paramref name="port"/>, so connections to it never see a SYN-ACK, while the server itself is fine.
    /// </summary>
    public Task DropRepliesFromAsync(string address, int port, CancellationToken cancellationToken) =>
        Namespace.RunCheckedAsync([.. NetworkNamespace.Iptables, "-A", "INPUT", "-s", address, "-p", "tcp", "--sport", $"{port}", "-j", "DROP"], cancellationToken);

    private static string[] RouteLocalnet(params string[] interfaces) => [.. interfaces.Select(name => $"net.ipv4.conf.{name}.route_localnet=1")];

    /// <summary>Deleting the namespace deletes its bridge and every veth pair with it.</summary>
    public ValueTask DisposeAsync() => Namespace.DisposeAsync();
}
