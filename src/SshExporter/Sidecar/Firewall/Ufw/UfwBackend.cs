using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.Firewall.Ufw;

/// <summary>
/// Asks ufw itself (<c>ufw status verbose</c>), for the detail a person reads: ufw's rules also live in iptables, where
/// the iptables backend evaluates them with everything else. Absent on most hosts; needs root.
/// </summary>
public sealed class UfwBackend(ICommandRunner runner) : IFirewallBackend
{
    public string Name => FirewallBackends.Ufw;

    public async Task<FirewallBackendReport> EvaluateAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("ufw", ["status", "verbose"], cancellationToken);
        if (!result.Succeeded)
        {
            return FirewallBackendReport.CouldNotRun(Name, result.Describe("ufw"), result.Status == CommandStatus.NotFound);
        }

        UfwStatus status;
        try
        {
            status = UfwStatusParser.Parse(result.StandardOutput);
        }
        catch (FormatException e)
        {
            return FirewallBackendReport.CouldNotRun(Name, $"could not read ufw status: {e.Message}");
        }

        string detail = status.Active
            ? $"ufw active, default {status.DefaultIncoming ?? "(not shown)"} (incoming), {status.Rules.Count} rule(s): {string.Join(" | ", status.Rules.Select(r => r.Text))}"
            : "ufw inactive";
        return new FirewallBackendReport(Name, CheckStatus.Ran(detail), ports.Select(port => UfwEvaluator.Evaluate(status, port)).ToList());
    }
}
