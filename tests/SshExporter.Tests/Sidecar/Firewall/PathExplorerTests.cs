using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Evaluation;

namespace SshExporter.Tests.Sidecar.Firewall;

public class PathExplorerTests
{
    [Fact]
    public void No_base_chain_means_nothing_filters()
    {
        var exploration = PathExplorer.Explore([], "nothing here");

        var outcome = Assert.Single(exploration.Outcomes);
        Assert.Equal((FirewallVerdict.Allowed, "nothing here"), (outcome.Verdict, outcome.DecidedBy));
    }

    [Fact]
    public void A_jump_loop_is_cut_and_the_answer_marked_uncertain()
    {
        var loop = new CompiledRule("-A LOOP -j LOOP", [new RuleBranch(new RuleAction(ActionKind.Jump, "LOOP"), [])]);
        var pass = Pass(new CompiledChain("INPUT", [new CompiledRule("-A INPUT -j LOOP", [new RuleBranch(new RuleAction(ActionKind.Jump, "LOOP"), [])])]),
            new CompiledChain("LOOP", [loop]));

        var exploration = PathExplorer.Explore([pass], "");
        var decision = DecisionSelector.Decide(22, exploration);

        Assert.True(exploration.Truncated);
        Assert.True(decision.Uncertain);
        Assert.Equal(FirewallVerdict.Dropped, decision.Verdict);
    }

    [Fact]
    public void A_goto_loop_is_cut_and_the_answer_marked_uncertain()
    {
        var pass = Pass(
            new CompiledChain("INPUT", [new CompiledRule("-A INPUT -g A", [new RuleBranch(new RuleAction(ActionKind.Goto, "A"), [])])]),
            new CompiledChain("A", [new CompiledRule("-A A -g B", [new RuleBranch(new RuleAction(ActionKind.Goto, "B"), [])])]),
            new CompiledChain("B", [new CompiledRule("-A B -g A", [new RuleBranch(new RuleAction(ActionKind.Goto, "A"), [])])]));

        var decision = DecisionSelector.Decide(22, PathExplorer.Explore([pass], ""));

        Assert.Equal((FirewallVerdict.Dropped, "policy DROP", true), (decision.Verdict, decision.DecidedBy, decision.Uncertain));
    }

    [Fact]
    public void Too_many_branches_keep_to_the_first_branch_and_say_so()
    {
        // 20 independent source restrictions in a row would be a million paths.
        var rules = Enumerable.Range(0, 20)
            .Select(i => new CompiledRule($"rule {i}", BranchBuilder.Build([Condition.Scope($"-s 10.0.{i}.0/24")], new RuleAction(ActionKind.Jump, "NOOP"), $"rule {i}")))
            .Append(new CompiledRule("accept", [new RuleBranch(new RuleAction(ActionKind.Accept), [])]))
            .ToList();
        var pass = Pass(new CompiledChain("INPUT", rules), new CompiledChain("NOOP", []));

        var exploration = PathExplorer.Explore([pass], "", maxPaths: 100);

        Assert.True(exploration.Truncated);
        Assert.True(exploration.Outcomes.Count <= 100);
        Assert.All(exploration.Outcomes, o => Assert.Equal(FirewallVerdict.Allowed, o.Verdict));
    }

    [Fact]
    public void Thousands_of_banned_sources_are_recorded_without_running_out_of_paths()
    {
        var bans = Enumerable.Range(0, 10_000)
            .Select(i => new CompiledRule($"-A f2b -s 10.{i / 256}.{i % 256}.1/32 -j REJECT",
                BranchBuilder.Build([Condition.Scope($"-s 10.{i / 256}.{i % 256}.1/32")], new RuleAction(ActionKind.Reject), "ban")))
            .Append(new CompiledRule("-A f2b -j ACCEPT", [new RuleBranch(new RuleAction(ActionKind.Accept), [])]))
            .ToList();

        var exploration = PathExplorer.Explore([Pass(new CompiledChain("INPUT", bans))], "");
        var decision = DecisionSelector.Decide(22, exploration);

        Assert.False(exploration.Truncated);
        Assert.Equal(10_001, exploration.Outcomes.Count);
        Assert.Equal((FirewallVerdict.Allowed, "-A f2b -j ACCEPT", false), (decision.Verdict, decision.DecidedBy, decision.Uncertain));
    }

    private static HookPass Pass(params CompiledChain[] chains) =>
        new("test", "INPUT", chains.ToDictionary(c => c.Name), FirewallVerdict.Dropped, "policy DROP");
}
