using System.Collections.Immutable;

namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Walks a packet through one or more base chains in order, following jumps, gotos and returns, and follows every
/// branch a rule offers (see <see cref="CompiledRule"/>). A packet must be accepted by every pass; a drop or reject
/// in any pass ends it. Pure and bounded: at most <c>maxPaths</c> paths, at most <see cref="MaxDepth"/> nested jumps.
/// </summary>
public static class PathExplorer
{
    public const int DefaultMaxPaths = 4096;

    /// <summary>Deeper than any real ruleset nests; guards against loops in hand-written input.</summary>
    public const int MaxDepth = 64;

    public static Exploration Explore(IReadOnlyList<HookPass> passes, string nothingFilters, int maxPaths = DefaultMaxPaths)
    {
        if (passes.Count == 0)
        {
            return new Exploration([new PathOutcome(FirewallVerdict.Allowed, nothingFilters, [])], false);
        }

        var walk = new Walk(passes, maxPaths);
        walk.Pending.Push(walk.Start(0, [], []));
        while (walk.Pending.TryPop(out var state))
        {
            walk.Run(state);
        }

        return new Exploration(walk.Outcomes, walk.Truncated);
    }

    private readonly record struct Frame(string Chain, int Index);

    /// <summary>A path waiting to be followed: where it is, what it assumed, which passes accepted it, and the branch to apply first.</summary>
    private sealed record PathState(
        int Pass,
        ImmutableStack<Frame> Frames,
        ImmutableList<Assumption> Assumptions,
        ImmutableList<string> Accepts,
        RuleBranch? Apply,
        string ApplyText);

    private sealed class Walk(IReadOnlyList<HookPass> passes, int maxPaths)
    {
        public Stack<PathState> Pending { get; } = new();

        public List<PathOutcome> Outcomes { get; } = [];

        public bool Truncated { get; private set; }

        private int _paths = 1;

        public PathState Start(int pass, ImmutableList<Assumption> assumptions, ImmutableList<string> accepts) =>
            new(pass, ImmutableStack.Create(new Frame(passes[pass].Entry, 0)), assumptions, accepts, null, "");

        public void Run(PathState state)
        {
            var pass = passes[state.Pass];
            var frames = state.Frames;
            var assumptions = state.Assumptions;
            RuleBranch? branch = state.Apply;
            string ruleText = state.ApplyText;

            while (true)
            {
                if (branch is not null)
                {
                    assumptions = assumptions.AddRange(branch.Assumptions);
                    var action = branch.Action;
                    branch = null;
                    switch (action.Kind)
                    {
                        case ActionKind.Accept:
                            Accepted(state.Pass, ruleText, assumptions, state.Accepts);
                            return;
                        case ActionKind.Drop:
                            Outcomes.Add(new PathOutcome(FirewallVerdict.Dropped, ruleText, assumptions));
                            return;
                        case ActionKind.Reject:
                            Outcomes.Add(new PathOutcome(FirewallVerdict.Rejected, ruleText, assumptions));
                            return;
                        case ActionKind.Return:
                            frames = frames.Pop();
                            break;
                        case ActionKind.Jump when frames.Count() < MaxDepth:
                            frames = frames.Push(new Frame(action.Chain!, 0));
                            break;
                        case ActionKind.Goto when frames.Count() < MaxDepth:
                            frames = frames.Pop().Push(new Frame(action.Chain!, 0));
                            break;
                        case ActionKind.Jump or ActionKind.Goto:
                            // Only a loop gets here; the jump is not followed and the answer is marked as cut short.
                            Truncated = true;
                            break;
                        default:
                            break;
                    }
                }

                if (frames.IsEmpty)
                {
                    // Fell off the end of (or returned from) the base chain: its policy decides.
                    if (pass.Policy == FirewallVerdict.Allowed)
                    {
                        Accepted(state.Pass, pass.PolicyText, assumptions, state.Accepts);
                    }
                    else
                    {
                        Outcomes.Add(new PathOutcome(pass.Policy, pass.PolicyText, assumptions));
                    }

                    return;
                }

                var frame = frames.Peek();
                if (!pass.Chains.TryGetValue(frame.Chain, out var chain) || frame.Index >= chain.Rules.Count)
                {
                    frames = frames.Pop();
                    continue;
                }

                var rule = chain.Rules[frame.Index];
                frames = frames.Pop().Push(frame with { Index = frame.Index + 1 });
                ruleText = rule.Text;
                branch = rule.Branches.Count == 0 ? RuleBranch.NoMatch : rule.Branches[0];
                if (rule.Branches.Count > 1)
                {
                    if (_paths + rule.Branches.Count - 1 > maxPaths)
                    {
                        Truncated = true;
                        continue;
                    }

                    for (int i = rule.Branches.Count - 1; i >= 1; i--)
                    {
                        _paths++;
                        Pending.Push(new PathState(state.Pass, frames, assumptions, state.Accepts, rule.Branches[i], rule.Text));
                    }
                }
            }
        }

        private void Accepted(int pass, string text, ImmutableList<Assumption> assumptions, ImmutableList<string> accepts)
        {
            accepts = accepts.Add(text);
            if (pass + 1 < passes.Count)
            {
                Pending.Push(Start(pass + 1, assumptions, accepts));
                return;
            }

            Outcomes.Add(new PathOutcome(FirewallVerdict.Allowed, string.Join("; ", accepts), assumptions));
        }
    }
}
