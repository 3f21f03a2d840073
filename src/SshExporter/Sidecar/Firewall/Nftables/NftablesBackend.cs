using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.Firewall.Nftables;

/// <summary>
/// Reads the host's nftables ruleset with <c>nft -j list ruleset</c>. This also shows the tables firewalld writes and
/// the ones iptables-nft maintains; the latter are left to the iptables backend when they use iptables match extensions
/// (see <see cref="NftEvaluator"/>). Needs root (CAP_NET_ADMIN).
/// </summary>
public sealed class NftablesBackend(ICommandRunner runner) : IFirewallBackend
{
    public string Name => FirewallBackends.Nftables;

    public async Task<FirewallBackendReport> EvaluateAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("nft", ["-j", "list", "ruleset"], cancellationToken);
        if (!result.Succeeded)
        {
            return FirewallBackendReport.CouldNotRun(Name, result.Describe("nft"), result.Status == CommandStatus.NotFound);
        }

        NftRuleset ruleset;
        try
        {
            ruleset = NftJsonParser.Parse(result.StandardOutput);
        }
        catch (FormatException e)
        {
            return FirewallBackendReport.CouldNotRun(Name, $"could not read nft -j output: {e.Message}");
        }

        var decisions = ports.Select(port => NftEvaluator.Evaluate(ruleset, port)).ToList();
        return new FirewallBackendReport(Name, CheckStatus.Ran(Summary(ruleset)), decisions);
    }

    /// <summary>One line for the status detail: the input chains, and what is there but not evaluated.</summary>
    public static string Summary(NftRuleset ruleset)
    {
        var input = NftEvaluator.InputChains(ruleset, false).Concat(NftEvaluator.InputChains(ruleset, true)).Distinct().ToList();
        var parts = new List<string>
        {
            $"nft {ruleset.Version ?? "(version unknown)"}: " + (input.Count == 0
                ? "no filter chain on the input hook, nothing filters"
                : "input hook: " + string.Join(", ", input.Select(c => $"{c.Label} (priority {c.Priority}, policy {c.Policy ?? "accept"}, {c.Rules.Count} rules)"))),
        };

        var xtTables = NftEvaluator.IptablesNftTables(ruleset).Select(t => $"{t.Family} {t.Table}").ToList();
        if (xtTables.Count > 0)
        {
            parts.Add($"left to the iptables backend: {string.Join(", ", xtTables)} (iptables-nft tables with xt match extensions)");
        }

        var otherHooks = ruleset.Chains
            .Where(c => c.IsBase && c.Type == "filter" && c.Hook is not "input" and not "output" and not "forward" and not "postrouting")
            .Select(c => $"{c.Label} (hook {c.Hook})")
            .ToList();
        if (otherHooks.Count > 0)
        {
            parts.Add($"not evaluated: filter chains on earlier hooks {string.Join(", ", otherHooks)}");
        }

        return string.Join("; ", parts);
    }
}
