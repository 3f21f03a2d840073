using System.Collections.Immutable;

namespace SshExporter.Sidecar.Firewall.Evaluation;

/// <summary>
/// Walks a packet through one or more base chains in order, following jumps, gotos and returns, and follows every
/// branch a rule offers (see <see cref="CompiledRule"/>). A packet must be accepted by every pass; a drop or reject
/// in any pass ends it. Pure and bounded: at most <c>maxPaths</c> paths followed past a branching rule (branches
/// that end at once are only recorded), at most <see cref="MaxOutcomes"/> outcomes, <see cref="MaxDepth"/> nested
/// jumps and <see cref="MaxStepsPerPath"/> rules per path.
/// </summary>
public static class PathExplorer
{
    public const int DefaultMaxPaths = 4096;

    /// <summary>Bounds memory when many branches end at once (thousands of banned sources).</summary>
    public const int MaxOutcomes = 100_000;

    /// <summary>Deeper than any real ruleset nests; guards against loops in hand-written input.</summary>
    public const int MaxDepth = 64;

    /// <summary>Rules one path may visit; only a goto loop (which does not deepen the stack) gets near it.</summary>
    public const int MaxStepsPerPath = 1_000_000;

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
            int steps = 0;

            while (true)
            {
                if (++steps > MaxStepsPerPath)
                {
                    // A goto loop: stop here and let the policy stand in, marked as cut short.
                    Truncated = true;
                    frames = ImmutableStack<Frame>.Empty;
                    branch = null;
                }

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
                        case ActionKind.Drop or ActionKind.Reject:
                            Finish(action, ruleText, assumptions, state.Accepts);
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
                        Finish(new RuleAction(pass.Policy == FirewallVerdict.Rejected ? ActionKind.Reject : ActionKind.Drop), pass.PolicyText, assumptions, state.Accepts);
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
                for (int i = rule.Branches.Count - 1; i >= 1; i--)
                {
                    var alternative = rule.Branches[i];
                    if (Ends(state.Pass, alternative.Action))
                    {
                        // A branch that ends here (a banned source's REJECT) costs one outcome, not a path to follow.
                        Finish(alternative.Action, rule.Text, assumptions.AddRange(alternative.Assumptions), state.Accepts);
                    }
                    else if (_paths >= maxPaths)
                    {
                        Truncated = true;
                    }
                    else
                    {
                        _paths++;
                        Pending.Push(new PathState(state.Pass, frames, assumptions, state.Accepts, alternative, rule.Text));
                    }
                }
            }
        }

        /// <summary>Whether the action ends the packet's walk: a drop or reject anywhere, an accept in the last pass.</summary>
        private bool Ends(int pass, RuleAction action) =>
            action.Kind is ActionKind.Drop or ActionKind.Reject || (action.Kind == ActionKind.Accept && pass == passes.Count - 1);

        private void Finish(RuleAction action, string text, ImmutableList<Assumption> assumptions, ImmutableList<string> accepts)
        {
            if (Outcomes.Count >= MaxOutcomes)
            {
                Truncated = true;
                return;
            }

            Outcomes.Add(action.Kind switch
            {
                ActionKind.Accept => new PathOutcome(FirewallVerdict.Allowed, string.Join("; ", accepts.Add(text)), assumptions),
                ActionKind.Drop => new PathOutcome(FirewallVerdict.Dropped, text, assumptions),
                _ => new PathOutcome(FirewallVerdict.Rejected, text, assumptions),
            });
        }

        private void Accepted(int pass, string text, ImmutableList<Assumption> assumptions, ImmutableList<string> accepts)
        {
            if (pass + 1 < passes.Count)
            {
                Pending.Push(Start(pass + 1, assumptions, accepts.Add(text)));
                return;
            }

            Finish(new RuleAction(ActionKind.Accept), text, assumptions, accepts);
        }
    }
}
