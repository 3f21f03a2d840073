namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Answers "what happens to a new TCP connection to this port, and which rule decides?" for base chains the packet
/// meets in order (each must accept it). Jumps, gotos and returns are followed; a rule that holds for some senders
/// only splits the answer (see <see cref="Outcomes.Split"/>). The port is <see cref="FirewallVerdict.Allowed"/>
/// when any sender gets in, the notes saying which; otherwise what the ordinary remote host meets decides.
/// </summary>
public static class RuleWalker
{
    /// <summary>How many other endings the notes name at most, to keep the line short.</summary>
    public const int MaxOtherEndings = 3;

    /// <exception cref="FormatException">A chain jumps back into itself (the tools refuse to load such rules).</exception>
    public static PortDecision Decide(int port, IReadOnlyList<BaseChain> passes, string nothingFilters, IEnumerable<string> notes)
    {
        var outcomes = Outcomes.Of(FirewallVerdict.Allowed, nothingFilters);
        for (int i = passes.Count - 1; i >= 0; i--)
        {
            var pass = new Walk(passes[i]).Run();
            outcomes = i == passes.Count - 1 ? pass : pass.ThenAccepted(outcomes);
        }

        var chosen = outcomes.All.FirstOrDefault(e => e.Verdict == FirewallVerdict.Allowed) ?? outcomes.Ordinary;
        var others = outcomes.All
            .Where(e => e.Verdict != chosen.Verdict || e.Rule != chosen.Rule)
            .Select(e => $"other traffic: {Describe(e.Verdict!.Value)} by {e.Rule}")
            .Distinct()
            .Take(MaxOtherEndings);
        return new PortDecision(port, chosen.Verdict!.Value, chosen.Rule, [.. chosen.Notes, .. others, .. notes]);
    }

    public static string Describe(FirewallVerdict verdict) => verdict.ToString().ToLowerInvariant();

    private sealed class Walk(BaseChain pass)
    {
        private readonly Dictionary<string, Outcomes> _chains = [];
        private readonly HashSet<string> _entered = [];

        public Outcomes Run() => Chain(pass.Entry).Then(Outcomes.Of(pass.Policy, pass.PolicyText));

        /// <summary>A chain from its first rule, walked backwards so each rule sees what follows it; once per chain.</summary>
        private Outcomes Chain(string name)
        {
            if (_chains.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!_entered.Add(name))
            {
                throw new FormatException($"chain {name} jumps back into itself");
            }

            var rest = Outcomes.Of(null, "");
            var rules = pass.Chains.GetValueOrDefault(name) ?? [];
            for (int i = rules.Count - 1; i >= 0; i--)
            {
                rest = Rule(rules[i], rest);
            }

            return _chains[name] = rest;
        }

        private Outcomes Rule(Rule rule, Outcomes rest)
        {
            if (rule.When.Truth == Truth.No || rule.Action.Kind == ActionKind.Continue)
            {
                return rest;
            }

            var matched = rule.Action.Kind switch
            {
                ActionKind.Accept => Outcomes.Of(FirewallVerdict.Allowed, rule.Text),
                ActionKind.Drop => Outcomes.Of(FirewallVerdict.Dropped, rule.Text),
                ActionKind.Reject => Outcomes.Of(FirewallVerdict.Rejected, rule.Text),
                ActionKind.Return => Outcomes.Of(null, rule.Text),
                ActionKind.Jump => Chain(rule.Action.Name!).Then(rest),
                ActionKind.Goto => Chain(rule.Action.Name!),
                _ => rest.WithNote($"assumed target {rule.Action.Name} lets the packet continue, not evaluated (rule: {rule.Text})"),
            };
            return rule.When.Truth == Truth.Yes ? matched : Outcomes.Split(rule.When, rule.Text, matched, rest);
        }
    }
}
