using SshExporter.Sidecar.Commands;
using SshExporter.Sidecar.Firewall.Iptables;
using SshExporter.Sidecar.Firewall.Nftables;

namespace SshExporter.Sidecar.Firewall;

/// <summary>
/// Runbook step 3: for each port, does the host firewall let a new TCP connection from a remote host in? Asks every
/// backend (iptables, ip6tables, nftables) and reports each apart, because they can disagree and each can be
/// unreadable on its own (not installed, not root). ufw and firewalld are read through the rules they write there.
/// Runs only when called, never on a timer.
/// </summary>
public sealed class FirewallCheck(IReadOnlyList<IFirewallBackend> backends)
{
    /// <summary>Every backend, reading the host through <paramref name="runner"/>.</summary>
    public static FirewallCheck Create(ICommandRunner runner) => new(
    [
        new IptablesBackend(runner),
        new IptablesBackend(runner, ipv6: true),
        new NftablesBackend(runner),
    ]);

    public IReadOnlyList<IFirewallBackend> Backends => backends;

    /// <param name="ports">TCP ports (1-65535); duplicates are asked about once, in the order first given.</param>
    /// <param name="cancellationToken">Stops every tool still running (each also has its own timeout).</param>
    public async Task<FirewallReport> EvaluateAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        foreach (int port in ports)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(port, 1, nameof(ports));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, nameof(ports));
        }

        var distinct = ports.Distinct().ToList();
        var reports = await Task.WhenAll(backends.Select(backend => EvaluateOneAsync(backend, distinct, cancellationToken)));
        return new FirewallReport(reports);
    }

    private static async Task<FirewallBackendReport> EvaluateOneAsync(IFirewallBackend backend, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        try
        {
            return await backend.EvaluateAsync(ports, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One backend's surprise must not hide the others' answers; it reads as "could not look".
            return FirewallBackendReport.CouldNotRun(backend.Name, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
