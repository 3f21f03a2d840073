using SshExporter.Sidecar.Commands;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// A network namespace of the test's own, with only its loopback up: firewall rules added inside it
/// produce a DROP, an ICMP unreachable or a TCP reset on 127.0.0.1, and the firewall check reads them back
/// through the real tools, without touching the host's firewall. Its resolv.conf points at its own loopback,
/// so a name lookup inside it never leaves it. Needs root and <c>ip</c>; the test is skipped without them.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RunnerTimeout = TimeSpan.FromSeconds(20);

    private readonly string _ip;

    private NetworkNamespace(string name, string ip)
    {
        Name = name;
        _ip = ip;
        Runner = new ProcessCommandRunner(TimeProvider.System, RunnerTimeout, [ip, "netns", "exec", name]);
    }

    public string Name { get; }

    /// <summary>Runs the sidecar's tools (the firewall check's among them) inside this namespace.</summary>
    public ICommandRunner Runner { get; }

    /// <summary><c>ip netns exec</c> reads resolv.conf for the namespace from here.</summary>
    private string EtcDirectory => Path.Combine("/etc/netns", Name);

    public static async Task<NetworkNamespace> CreateAsync(CancellationToken cancellationToken)
    {
        Requires.Root();
        string ip = Requires.Tool("ip");
        var created = new NetworkNamespace($"sshx-{Guid.NewGuid():N}"[..13], ip);
        await ExternalCommand.RunCheckedAsync(ip, ["netns", "add", created.Name], cancellationToken);
        try
        {
            await ExternalCommand.RunCheckedAsync(ip, ["-n", created.Name, "link", "set", "lo", "up"], cancellationToken);
            Directory.CreateDirectory(created.EtcDirectory);
            await File.WriteAllTextAsync(Path.Combine(created.EtcDirectory, "resolv.conf"), "nameserver 127.0.0.1\n", cancellationToken);
        }
        catch (Exception e)
        {
            await Cleanup.AfterFailureAsync(e, created);
            throw;
        }

        return created;
    }

    /// <summary>A runner that drops to the nobody user inside the namespace, to see what a non-root exporter gets.</summary>
    public ICommandRunner UnprivilegedRunner(string setpriv) =>
        new ProcessCommandRunner(TimeProvider.System, RunnerTimeout,
            [_ip, "netns", "exec", Name, setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]);

    /// <summary>
    /// iptables with <c>-w</c>: the legacy backend's lock file (/run/xtables.lock) is one for every namespace,
    /// and without <c>-w</c> a change made while another namespace's iptables holds it fails instead of waiting
    /// its turn. The nf_tables backend accepts <c>-w</c> as well.
    /// </summary>
    public static string[] Iptables => [Requires.Tool("iptables"), "-w"];

    /// <summary>Appends an INPUT rule for TCP to <paramref name="port"/>; <paramref name="target"/> is what follows <c>-j</c>.</summary>
    public Task AddTcpInputRuleAsync(int port, string target, CancellationToken cancellationToken) =>
        RunCheckedAsync([.. Iptables, "-A", "INPUT", "-p", "tcp", "--dport", $"{port}", "-j", .. target.Split(' ')], cancellationToken);

    /// <summary>Sets kernel parameters (<c>NAME=VALUE</c>) of this namespace only, such as its interfaces' <c>net.ipv4.conf.*</c>.</summary>
    public Task SysctlAsync(IEnumerable<string> settings, CancellationToken cancellationToken) =>
        RunCheckedAsync([Requires.Tool("sysctl"), "-q", "-w", .. settings], cancellationToken);

    /// <summary>Whether a TCP socket is in LISTEN on <paramref name="port"/> inside the namespace, as <c>ss</c> sees it.</summary>
    public async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken) =>
        (await RunAsync(Requires.Tool("ss"), ["-H", "-l", "-t", "-n", $"sport = :{port}"], CommandLimit, cancellationToken)).Stdout.Trim().Length > 0;

    /// <summary>Runs a program inside the namespace and returns what it printed and its exit code.</summary>
    public Task<ExternalCommand.Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(_ip, ["netns", "exec", Name, file, .. arguments], limit, cancellationToken);

    /// <summary>Runs a command inside the namespace and fails the test if it fails.</summary>
    public Task RunCheckedAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        ExternalCommand.RunCheckedAsync(_ip, ["netns", "exec", Name, .. command], cancellationToken);

    /// <summary>Like <see cref="RunCheckedAsync"/>, but says whether it worked instead of failing (for optional kernel features).</summary>
    public async Task<bool> TryRunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        (await RunAsync(command[0], command.Skip(1), CommandLimit, cancellationToken)).ExitCode == 0;

    /// <summary>The command line that starts a long-running program inside the namespace.</summary>
    public IReadOnlyList<string> Wrap(string file, IEnumerable<string> arguments) => [_ip, "netns", "exec", Name, file, .. arguments];

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Processes still inside keep the namespace alive until they end; the name and its files go now.
            var delete = await ExternalCommand.RunAsync(_ip, ["netns", "delete", Name], CommandLimit, CancellationToken.None);
            if (delete.ExitCode != 0)
            {
                throw new InvalidOperationException($"ip netns delete {Name} failed: {delete}");
            }
        }
        finally
        {
            if (Directory.Exists(EtcDirectory))
            {
                Directory.Delete(EtcDirectory, recursive: true);
            }
        }
    }
}
