using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.Firewall.Firewalld;

/// <summary>
/// Asks firewalld (<c>firewall-cmd --state</c>, then <c>--list-all-zones</c>) for its own view. firewalld writes its
/// rules into nftables (or iptables), where those backends evaluate them too. Absent on most Debian hosts; listing
/// zones needs root or a polkit grant.
/// </summary>
public sealed class FirewalldBackend(ICommandRunner runner) : IFirewallBackend
{
    /// <summary>firewall-cmd's exit code for "not running".</summary>
    public const int NotRunning = 252;

    public string Name => FirewallBackends.Firewalld;

    public async Task<FirewallBackendReport> EvaluateAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var state = await runner.RunAsync("firewall-cmd", ["--state"], cancellationToken);
        if (state.Status == CommandStatus.Exited && state.ExitCode == NotRunning)
        {
            return new FirewallBackendReport(
                Name,
                CheckStatus.Ran("firewalld is not running"),
                ports.Select(port => new PortDecision(port, FirewallVerdict.Allowed, "firewalld not running (it adds no rules)", false, [])).ToList());
        }

        if (!state.Succeeded)
        {
            return FirewallBackendReport.CouldNotRun(Name, state.Describe("firewall-cmd"), state.Status == CommandStatus.NotFound);
        }

        var listing = await runner.RunAsync("firewall-cmd", ["--list-all-zones"], cancellationToken);
        if (!listing.Succeeded)
        {
            return FirewallBackendReport.CouldNotRun(Name, listing.Describe("firewall-cmd --list-all-zones"));
        }

        IReadOnlyList<FirewalldZone> zones;
        try
        {
            zones = FirewalldZonesParser.Parse(listing.StandardOutput);
        }
        catch (FormatException e)
        {
            return FirewallBackendReport.CouldNotRun(Name, $"could not read firewall-cmd --list-all-zones: {e.Message}");
        }

        var active = zones.Where(z => z.IsActive || z.IsDefault)
            .Select(z => $"{z.Name}{(z.IsDefault ? " (default)" : "")} target {z.Target}, services {string.Join(' ', z.Services)}, ports {string.Join(' ', z.Ports)}");
        return new FirewallBackendReport(
            Name,
            CheckStatus.Ran($"firewalld running; {string.Join("; ", active)}"),
            ports.Select(port => FirewalldEvaluator.Evaluate(zones, port)).ToList());
    }
}
