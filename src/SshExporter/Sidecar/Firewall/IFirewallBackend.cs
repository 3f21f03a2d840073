namespace SshExporter.Sidecar.Firewall;

/// <summary>One way of reading the host firewall. Implementations report "could not run" rather than throw.</summary>
public interface IFirewallBackend
{
    string Name { get; }

    Task<FirewallBackendReport> EvaluateAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken);
}
