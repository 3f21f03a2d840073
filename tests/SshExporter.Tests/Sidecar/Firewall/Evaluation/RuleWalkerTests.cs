using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Tests.Sidecar.Firewall.Evaluation;

public class RuleWalkerTests
{
    [Fact]
    public void No_base_chain_means_nothing_filters() =>
        Assert.Equal((FirewallVerdict.Allowed, "nothing here"), Decide([]) is var d ? (d.Verdict, d.DecidedBy) : default);

    [Fact]
    public void Thousands_of_banned_sources_leave_the_port_open_to_everyone_else()
    {
        var bans = Enumerable.Range(0, 10_000)
            .Select(i => new Rule($"-A INPUT -s 10.{i / 256}.{i % 256}.1/32 -j REJECT", Condition.Maybe($"-s 10.{i / 256}.{i % 256}.1/32"), new RuleAction(ActionKind.Reject)))
            .Append(new Rule("-A INPUT -j ACCEPT", Condition.Yes, new RuleAction(ActionKind.Accept)));

        var decision = Decide([Input([.. bans])]);

        Assert.Equal((FirewallVerdict.Allowed, "-A INPUT -j ACCEPT"), (decision.Verdict, decision.DecidedBy));
        Assert.Equal(["other traffic: rejected by -A INPUT -s 10.0.0.1/32 -j REJECT"], decision.Notes);
    }

    [Fact]
    public void An_accept_behind_twenty_nested_source_restrictions_is_found_without_a_budget()
    {
        var chains = Enumerable.Range(0, 20).ToDictionary(
            i => i == 0 ? "INPUT" : $"C{i}",
            IReadOnlyList<Rule> (i) => [i == 19
                ? new Rule("-A C19 -s 10.0.19.0/24 -j ACCEPT", Condition.Maybe("-s 10.0.19.0/24"), new RuleAction(ActionKind.Accept))
                : new Rule($"-A C{i} -s 10.0.{i}.0/24 -j C{i + 1}", Condition.Maybe($"-s 10.0.{i}.0/24"), new RuleAction(ActionKind.Jump, $"C{i + 1}"))]);

        var decision = Decide([new BaseChain("INPUT", chains, FirewallVerdict.Dropped, "policy DROP")]);

        Assert.Equal((FirewallVerdict.Allowed, "-A C19 -s 10.0.19.0/24 -j ACCEPT"), (decision.Verdict, decision.DecidedBy));
        Assert.Equal(20, decision.Notes.Count(n => n.StartsWith("only for traffic where -s 10.0.", StringComparison.Ordinal)));
        Assert.Contains("other traffic: dropped by policy DROP", decision.Notes);
    }

    [Fact]
    public void Every_base_chain_must_accept_and_the_answer_names_each_accepting_rule()
    {
        var first = Input([new Rule("first accept", Condition.Yes, new RuleAction(ActionKind.Accept))]);
        var second = new BaseChain("INPUT", new Dictionary<string, IReadOnlyList<Rule>> { ["INPUT"] = [] }, FirewallVerdict.Allowed, "policy accept");

        Assert.Equal("first accept; policy accept", Decide([first, second]).DecidedBy);
        Assert.Equal((FirewallVerdict.Dropped, "policy DROP"), Decide([second, Input([])]) is var d ? (d.Verdict, d.DecidedBy) : default);
    }

    [Theory]
    [InlineData(ActionKind.Jump)]
    [InlineData(ActionKind.Goto)]
    public void A_chain_that_jumps_back_into_itself_cannot_be_read(ActionKind kind)
    {
        var chains = new Dictionary<string, IReadOnlyList<Rule>>
        {
            ["INPUT"] = [new Rule("-A INPUT -j A", Condition.Yes, new RuleAction(kind, "A"))],
            ["A"] = [new Rule("-A A -j B", Condition.Yes, new RuleAction(kind, "B"))],
            ["B"] = [new Rule("-A B -j A", Condition.Yes, new RuleAction(kind, "A"))],
        };

        var e = Assert.Throws<FormatException>(() => Decide([new BaseChain("INPUT", chains, FirewallVerdict.Dropped, "policy DROP")]));
        Assert.Equal("chain A jumps back into itself", e.Message);
    }

    private static BaseChain Input(IReadOnlyList<Rule> rules) =>
        new("INPUT", new Dictionary<string, IReadOnlyList<Rule>> { ["INPUT"] = rules }, FirewallVerdict.Dropped, "policy DROP");

    private static PortDecision Decide(IReadOnlyList<BaseChain> passes) => RuleWalker.Decide(22, passes, "nothing here", []);
}
