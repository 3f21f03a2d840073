namespace SshExporter.Tests.Alerting;

/// <summary>
/// One SSH server of the environment: its name (the test's row), whether a sidecar checks it, and the fault the
/// test injects after the healthy baseline (none for the healthy server).
/// </summary>
public sealed record HostFault(string Host, bool Sidecar, Func<SshHost, MonitoringNetwork, CancellationToken, Task>? Inject);

/// <summary>The servers of the alerting environment, one per fault, each fault on its own server.</summary>
public static class HostFaults
{
    /// <summary>The row whose server is only a name that does not resolve, probed from the start.</summary>
    public const string UnresolvableRow = "dns";

    public const string UnresolvableHost = "nosuchhost.invalid";

    public static IReadOnlyList<HostFault> All { get; } =
    [
        new("healthy", Sidecar: true, Inject: null),
        new("stopped", Sidecar: true, (host, _, token) => host.StopSshdAsync(token)),
        new("moved", Sidecar: true, (host, _, token) => host.MoveSshdAsync(2222, token)),
        new("drop", Sidecar: true, (host, _, token) => host.FirewallAsync("DROP", token)),
        new("reject", Sidecar: true, (host, _, token) => host.FirewallAsync("REJECT --reject-with tcp-reset", token)),
        new("nokeys", Sidecar: true, (host, _, token) => host.RemoveHostKeysAsync(token)),
        new("badconfig", Sidecar: true, (host, _, token) => host.BreakConfigAsync(token)),
        new("hung", Sidecar: true, (host, _, token) => host.FreezeSshdAsync(token)),
        new("other", Sidecar: true, (host, _, token) => host.ReplaceSshdWithOtherServiceAsync(token)),
        new("outside", Sidecar: true, (host, network, token) => network.DropRepliesFromAsync(host.Address, SshHost.SshPort, token)),
        new("nosidecar", Sidecar: false, (host, _, token) => host.StopSshdAsync(token)),
    ];
}
