using System.Text.RegularExpressions;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Ufw;

/// <summary>
/// Reads ufw's own view: the user rules in order (first match wins), then the default incoming policy. This is the
/// view ufw gives a person; the rules it installs are evaluated fully by the iptables backend. IPv4 and IPv6 rules
/// ("(v6)") are evaluated apart and joined by <see cref="FamilyCombiner"/>.
/// </summary>
public static partial class UfwEvaluator
{
    /// <summary>The application profiles ufw ships for SSH and web servers (/etc/ufw/applications.d).</summary>
    private static readonly Dictionary<string, string> s_applications = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OpenSSH"] = "22/tcp",
        ["Apache"] = "80/tcp",
        ["Apache Secure"] = "443/tcp",
        ["Apache Full"] = "80,443/tcp",
        ["Nginx HTTP"] = "80/tcp",
        ["Nginx HTTPS"] = "443/tcp",
        ["Nginx Full"] = "80,443/tcp",
    };

    public static PortDecision Evaluate(UfwStatus status, int port)
    {
        if (!status.Active)
        {
            return new PortDecision(port, FirewallVerdict.Allowed, "ufw inactive (it adds no rules)", false, []);
        }

        return FamilyCombiner.Combine(EvaluateFamily(status, port, ipv6: false), EvaluateFamily(status, port, ipv6: true));
    }

    public static PortDecision EvaluateFamily(UfwStatus status, int port, bool ipv6)
    {
        var rules = status.Rules
            .Where(r => r.Ipv6 == ipv6 && r.Direction == "IN")
            .Select(r => new CompiledRule(r.Text, BranchBuilder.Build(Conditions(r, port), Action(r.Verb), r.Text)))
            .ToList();
        var (policy, policyText) = status.DefaultIncoming switch
        {
            "allow" => (FirewallVerdict.Allowed, "ufw default allow (incoming)"),
            "reject" => (FirewallVerdict.Rejected, "ufw default reject (incoming)"),
            "deny" => (FirewallVerdict.Dropped, "ufw default deny (incoming)"),
            _ => (FirewallVerdict.Dropped, "ufw default incoming policy (not shown; ufw's default is deny)"),
        };
        var pass = new HookPass("ufw", "user", new Dictionary<string, CompiledChain> { ["user"] = new("user", rules) }, policy, policyText);
        return DecisionSelector.Decide(port, PathExplorer.Explore([pass], policyText));
    }

    private static RuleAction Action(string verb) => verb switch
    {
        // LIMIT accepts until one source opens six connections in thirty seconds.
        "ALLOW" or "LIMIT" => new RuleAction(ActionKind.Accept),
        "REJECT" => new RuleAction(ActionKind.Reject),
        _ => new RuleAction(ActionKind.Drop),
    };

    private static IEnumerable<Condition> Conditions(UfwRule rule, int port)
    {
        string to = rule.To.Replace("(v6)", "", StringComparison.Ordinal).Trim();
        var on = Interface().Match(to);
        if (on.Success)
        {
            to = to[..on.Index].Trim();
            yield return on.Groups[1].Value == "lo" ? Condition.No : Condition.Scope($"arriving on {on.Groups[1].Value}");
        }

        var words = to.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && PortWord().Match(words[^1]) is { Success: true } ports)
        {
            words.RemoveAt(words.Count - 1);
            yield return Ports(ports.Groups["ports"].Value, ports.Groups["proto"].Value, port, rule.To);
        }

        if (words.Count > 0 && IsAddress(words[0]))
        {
            yield return words[0] is "Anywhere" ? Condition.Yes : Condition.Scope($"addressed to {words[0]}");
            words.RemoveAt(0);
        }

        if (words.Count > 0)
        {
            string application = string.Join(' ', words);
            yield return s_applications.TryGetValue(application, out string? spec) && PortWord().Match(spec) is { Success: true } known
                ? Ports(known.Groups["ports"].Value, known.Groups["proto"].Value, port, application)
                : Condition.Unevaluated($"application profile {application}");
        }

        string from = rule.From.Replace("(v6)", "", StringComparison.Ordinal).Trim();
        if (from != "Anywhere")
        {
            yield return Condition.Scope($"from {from}");
        }
    }

    private static Condition Ports(string list, string protocol, int port, string text)
    {
        if (protocol.Length > 0 && protocol != "tcp")
        {
            return Condition.No;
        }

        return PortSpec.ListContains(list, port) is { } contains ? Condition.Of(contains) : Condition.Unevaluated(text);
    }

    private static bool IsAddress(string word) => word == "Anywhere" || word.Contains('.', StringComparison.Ordinal) || word.Contains(':', StringComparison.Ordinal);

    [GeneratedRegex(@"\s+on\s+(\S+)$")]
    private static partial Regex Interface();

    [GeneratedRegex(@"^(?<ports>[0-9][0-9,:]*)(?:/(?<proto>\w+))?$")]
    private static partial Regex PortWord();
}
