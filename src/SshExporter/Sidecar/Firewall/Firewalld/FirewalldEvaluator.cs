using System.Text.RegularExpressions;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Sidecar.Firewall.Firewalld;

/// <summary>
/// Reads firewalld's own view: a remote host's connection lands in the zone of its source address or of the
/// interface it arrives on (the default zone for unbound interfaces). In that zone, rich rules that drop or reject
/// come first, then services, ports and accepting rich rules, then the zone's target (default and %%REJECT%%
/// reject, DROP drops, ACCEPT accepts). The port is allowed when some active zone lets it in; zones bound to
/// sources or to other interfaces only allow it for that traffic, which the notes say.
/// </summary>
public static partial class FirewalldEvaluator
{
    /// <summary>Ports of the services firewalld ships that default zones list; others are not resolved here.</summary>
    private static readonly Dictionary<string, string[]> s_services = new(StringComparer.Ordinal)
    {
        ["ssh"] = ["22/tcp"],
        ["http"] = ["80/tcp"],
        ["https"] = ["443/tcp"],
        ["cockpit"] = ["9090/tcp"],
        ["dns"] = ["53/tcp", "53/udp"],
        ["dhcp"] = ["67/udp"],
        ["dhcpv6-client"] = ["546/udp"],
        ["mdns"] = ["5353/udp"],
        ["samba-client"] = ["137/udp", "138/udp"],
        ["ntp"] = ["123/udp"],
    };

    private sealed record ZoneAnswer(FirewallVerdict Verdict, string DecidedBy, bool Uncertain, List<string> Notes);

    public static PortDecision Evaluate(IReadOnlyList<FirewalldZone> zones, int port)
    {
        var defaultZone = zones.FirstOrDefault(z => z.IsDefault) ?? zones.FirstOrDefault(z => z.Name == "public");
        var considered = zones
            .Where(z => z.IsActive || z == defaultZone)
            // Unscoped first: the default zone, then zones bound to interfaces, then zones bound to sources.
            .OrderBy(z => z == defaultZone ? 0 : z.Interfaces.Count > 0 ? 1 : 2)
            .ToList();
        if (considered.Count == 0)
        {
            return new PortDecision(port, FirewallVerdict.Allowed, "no zones listed", true, ["firewall-cmd listed no zone; nothing to evaluate"]);
        }

        var answers = considered.Select(zone => (Zone: zone, Answer: Zone(zone, port))).ToList();
        var chosen = answers.FirstOrDefault(a => a.Answer.Verdict == FirewallVerdict.Allowed);
        if (chosen.Zone is null)
        {
            chosen = answers[0];
        }

        var notes = new List<string>(chosen.Answer.Notes);
        if (chosen.Zone != defaultZone)
        {
            notes.Insert(0, $"only for traffic in zone {chosen.Zone.Name}: {Binding(chosen.Zone)}");
        }

        notes.AddRange(answers
            .Where(a => a.Zone != chosen.Zone && a.Answer.Verdict != chosen.Answer.Verdict)
            .Select(a => $"other traffic: {a.Answer.Verdict.ToString().ToLowerInvariant()} by {a.Answer.DecidedBy} ({Binding(a.Zone)})"));
        return new PortDecision(port, chosen.Answer.Verdict, chosen.Answer.DecidedBy, chosen.Answer.Uncertain, notes);
    }

    private static ZoneAnswer Zone(FirewalldZone zone, int port)
    {
        var notes = new List<string>();
        if (zone.Target == "ACCEPT")
        {
            return new ZoneAnswer(FirewallVerdict.Allowed, $"zone {zone.Name} target ACCEPT", false, notes);
        }

        bool uncertain = false;
        string? scopedAllow = null;
        foreach (string rule in zone.RichRules)
        {
            var rich = RichRule.Parse(rule);
            if (rich.Action is null)
            {
                notes.Add($"rich rule not evaluated: {rule}");
                uncertain = true;
                continue;
            }

            if (rich.Covers(port) == false)
            {
                continue;
            }

            bool scoped = rich.Source is not null;
            switch (rich.Action, scoped)
            {
                case ("drop" or "reject", false):
                    return new ZoneAnswer(rich.Action == "drop" ? FirewallVerdict.Dropped : FirewallVerdict.Rejected, $"zone {zone.Name} rich rule: {rule}", false, notes);
                case ("drop" or "reject", true):
                    notes.Add($"other traffic: {rich.Action} by zone {zone.Name} rich rule for {rich.Source}: {rule}");
                    break;
                case ("accept", false):
                    return new ZoneAnswer(FirewallVerdict.Allowed, $"zone {zone.Name} rich rule: {rule}", false, notes);
                case ("accept", true):
                    scopedAllow ??= rule;
                    break;
                default:
                    break;
            }
        }

        foreach (string service in zone.Services)
        {
            if (!s_services.TryGetValue(service, out string[]? ports))
            {
                notes.Add($"service {service}: its ports are not known here, not evaluated");
                uncertain = true;
            }
            else if (ports.Any(p => Covers(p, port) == true))
            {
                return new ZoneAnswer(FirewallVerdict.Allowed, $"zone {zone.Name} service {service} ({string.Join(' ', ports)})", false, notes);
            }
        }

        if (zone.Ports.FirstOrDefault(p => Covers(p, port) == true) is { } openPort)
        {
            return new ZoneAnswer(FirewallVerdict.Allowed, $"zone {zone.Name} port {openPort}", false, notes);
        }

        if (scopedAllow is not null)
        {
            notes.Insert(0, $"only for the sources the rich rule names: {scopedAllow}");
            return new ZoneAnswer(FirewallVerdict.Allowed, $"zone {zone.Name} rich rule: {scopedAllow}", false, notes);
        }

        var verdict = zone.Target == "DROP" ? FirewallVerdict.Dropped : FirewallVerdict.Rejected;
        return new ZoneAnswer(verdict, $"zone {zone.Name} target {zone.Target} ({(verdict == FirewallVerdict.Dropped ? "drops" : "rejects")})", uncertain, notes);
    }

    /// <summary>Whether "22/tcp" or "8000-8100/tcp" covers the TCP port.</summary>
    private static bool? Covers(string portProtocol, int port)
    {
        string[] parts = portProtocol.Split('/');
        return parts.Length == 2 && parts[1] != "tcp" ? false : PortSpec.Contains(parts[0], port);
    }

    private static string Binding(FirewalldZone zone) =>
        zone.Sources.Count > 0 && zone.Interfaces.Count == 0 ? $"sources {string.Join(' ', zone.Sources)}"
        : zone.Interfaces.Count > 0 ? $"interfaces {string.Join(' ', zone.Interfaces)}{(zone.Sources.Count > 0 ? $", sources {string.Join(' ', zone.Sources)}" : "")}"
        : zone.IsDefault ? "the default zone" : "unbound";

    /// <summary>The parts of a rich rule that matter here: source, port or service, action.</summary>
    private sealed partial record RichRule(string? Source, string? Port, string? Service, bool OtherElement, string? Action)
    {
        public static RichRule Parse(string rule)
        {
            var source = SourceElement().Match(rule);
            var port = PortElement().Match(rule);
            var service = ServiceElement().Match(rule);
            var action = ActionElement().Match(rule);
            return new RichRule(
                source.Success ? source.Groups[1].Value : null,
                port.Success ? $"{port.Groups[1].Value}/{port.Groups[2].Value}" : null,
                service.Success ? service.Groups[1].Value : null,
                OtherElements().IsMatch(rule),
                action.Success ? action.Groups[1].Value : null);
        }

        /// <summary>Whether the rule applies to a TCP SYN to the port; null when its element is not known here.</summary>
        public bool? Covers(int port)
        {
            if (Port is not null)
            {
                return FirewalldEvaluator.Covers(Port, port);
            }

            if (Service is not null)
            {
                return s_services.TryGetValue(Service, out string[]? ports) ? ports.Any(p => FirewalldEvaluator.Covers(p, port) == true) : null;
            }

            // icmp-block, forward-port, masquerade, protocol: not about TCP to this port. No element: every port.
            return OtherElement ? false : true;
        }

        [GeneratedRegex(@"source\s+(?:NOT\s+)?(?:address|ipset|mac)=""([^""]*)""")]
        private static partial Regex SourceElement();

        [GeneratedRegex(@"(?<!source-)port\s+port=""([^""]*)""\s+protocol=""([^""]*)""")]
        private static partial Regex PortElement();

        [GeneratedRegex(@"service\s+name=""([^""]*)""")]
        private static partial Regex ServiceElement();

        [GeneratedRegex(@"\b(icmp-block|icmp-type|forward-port|masquerade|protocol\s+value|source-port)\b")]
        private static partial Regex OtherElements();

        [GeneratedRegex(@"\s(accept|reject|drop|mark)(?:\s+type=""[^""]*"")?(?:\s+limit\s+value=""[^""]*"")?\s*$")]
        private static partial Regex ActionElement();
    }
}
