using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.Firewall.Iptables;

/// <summary>
/// Reads the host's iptables (or ip6tables) ruleset with iptables-save, whichever back end the system selected
/// (Debian's alternatives: nf_tables by default, legacy on request). When the nf_tables tool warns that legacy tables
/// are present too, those are read with iptables-legacy-save and must also let the packet through. ufw writes its
/// rules here (ufw-before-input, ufw-user-input, ...), as does firewalld with its iptables back end, so this backend
/// also answers for them. Needs root (CAP_NET_ADMIN).
/// </summary>
public sealed class IptablesBackend(ICommandRunner runner, bool ipv6 = false) : IFirewallBackend
{
    /// <summary>What iptables-nft-save prints on standard error when legacy tables exist beside its own.</summary>
    public const string LegacyWarning = "legacy tables present";

    public string Name => ipv6 ? FirewallBackends.Ip6tables : FirewallBackends.Iptables;

    private string SaveCommand => ipv6 ? "ip6tables-save" : "iptables-save";

    private string LegacySaveCommand => ipv6 ? "ip6tables-legacy-save" : "iptables-legacy-save";

    public async Task<FirewallBackendReport> EvaluateAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var main = await ReadAsync(SaveCommand, cancellationToken);
        if (main.Ruleset is null)
        {
            return FirewallBackendReport.CouldNotRun(Name, main.Error!, main.Missing);
        }

        var rulesets = new List<(IptablesRuleset Ruleset, string? Tag)> { (main.Ruleset, null) };
        if (main.StandardError.Contains(LegacyWarning, StringComparison.Ordinal))
        {
            var legacy = await ReadAsync(LegacySaveCommand, cancellationToken);
            if (legacy.Ruleset is null)
            {
                // Legacy rules we cannot see may block the port: no answer beats a wrong one.
                return FirewallBackendReport.CouldNotRun(Name, $"{SaveCommand} reports legacy tables too, but {legacy.Error}");
            }

            rulesets = [(main.Ruleset, "nf_tables"), (legacy.Ruleset, "legacy")];
        }

        try
        {
            var decisions = ports.Select(port => IptablesEvaluator.Evaluate(rulesets, port)).ToList();
            return new FirewallBackendReport(Name, CheckStatus.Ran(string.Join("; ", rulesets.Select(r => Summary(r.Ruleset, r.Tag)))), decisions);
        }
        catch (FormatException e)
        {
            return FirewallBackendReport.CouldNotRun(Name, $"could not read {SaveCommand} output: {e.Message}");
        }
    }

    /// <summary>What one save command gave: a ruleset and its standard error, or why not.</summary>
    private sealed record Saved(IptablesRuleset? Ruleset, string StandardError, string? Error, bool Missing);

    private async Task<Saved> ReadAsync(string command, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(command, [], cancellationToken);
        if (!result.Succeeded)
        {
            return new Saved(null, result.StandardError, result.Describe(command), result.Status == CommandStatus.NotFound);
        }

        try
        {
            return new Saved(IptablesSaveParser.Parse(result.StandardOutput), result.StandardError, null, false);
        }
        catch (FormatException e)
        {
            return new Saved(null, result.StandardError, $"could not read {command} output: {e.Message}", false);
        }
    }

    /// <summary>One line for the status detail: which tool, the INPUT policy, how much there is.</summary>
    public static string Summary(IptablesRuleset ruleset, string? tag)
    {
        string source = ruleset.Generator ?? "iptables-save";
        if (tag is not null)
        {
            source = $"[{tag}] {source}";
        }

        var filter = ruleset.Table("filter");
        var input = filter?.Chain("INPUT");
        if (filter is null || input is null)
        {
            return $"{source}: no filter table, nothing filters";
        }

        int rules = filter.Chains.Sum(c => c.Rules.Count);
        return $"{source}: filter INPUT policy {input.Policy ?? "ACCEPT"}, {input.Rules.Count} INPUT rule(s), {rules} rule(s) in {filter.Chains.Count} chain(s)";
    }
}
