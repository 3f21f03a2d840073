namespace SshExporter.Tests.Fixtures;

/// <summary>
/// A network namespace of the test's own, with only its loopback up: firewall rules added inside it
/// produce a DROP, an ICMP unreachable or a TCP reset on 127.0.0.1 without touching the host's firewall,
/// and its resolv.conf points at its own loopback, so a name lookup inside it never leaves it.
/// Needs root, <c>ip</c> and <c>iptables</c>; call <see cref="Requires"/> first.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(10);

    private readonly string _ip;
    private readonly string _iptables;

    private NetworkNamespace(string name, string ip, string iptables)
    {
        Name = name;
        _ip = ip;
        _iptables = iptables;
    }

    public string Name { get; }

    /// <summary><c>ip netns exec</c> reads resolv.conf for the namespace from here.</summary>
    private string EtcDirectory => Path.Combine("/etc/netns", Name);

    public static async Task<NetworkNamespace> CreateAsync(CancellationToken cancellationToken)
    {
        Requires.Root();
        string ip = Requires.Tool("ip");
        string iptables = Requires.Tool("iptables");
        var created = new NetworkNamespace($"sshx-{Guid.NewGuid():N}"[..13], ip, iptables);
        await ExternalCommand.RunCheckedAsync(ip, ["netns", "add", created.Name], cancellationToken);
        try
        {
            await ExternalCommand.RunCheckedAsync(ip, ["-n", created.Name, "link", "set", "lo", "up"], cancellationToken);
            Directory.CreateDirectory(created.EtcDirectory);
            await File.WriteAllTextAsync(Path.Combine(created.EtcDirectory, "resolv.conf"), "nameserver 127.0.0.1\n", cancellationToken);
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }

        return created;
    }

    /// <summary>Appends an INPUT rule for TCP to <paramref name="port"/>; <paramref name="target"/> is what follows <c>-j</c>.</summary>
    public Task AddTcpInputRuleAsync(int port, string target, CancellationToken cancellationToken) =>
        ExternalCommand.RunCheckedAsync(
            _ip, ["netns", "exec", Name, _iptables, "-A", "INPUT", "-p", "tcp", "--dport", $"{port}", "-j", .. target.Split(' ')], cancellationToken);

    /// <summary>Runs a program inside the namespace and returns what it printed and its exit code.</summary>
    public Task<ExternalCommand.Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(_ip, ["netns", "exec", Name, file, .. arguments], limit, cancellationToken);

    /// <summary>The command line that starts a long-running program inside the namespace.</summary>
    public IReadOnlyList<string> Wrap(string file, IEnumerable<string> arguments) => [_ip, "netns", "exec", Name, file, .. arguments];

    public async ValueTask DisposeAsync()
    {
        // Processes still inside keep the namespace alive until they end; the name and its files go now.
        await ExternalCommand.RunAsync(_ip, ["netns", "delete", Name], CommandLimit, CancellationToken.None);
        if (Directory.Exists(EtcDirectory))
        {
            Directory.Delete(EtcDirectory, recursive: true);
        }
    }
}
