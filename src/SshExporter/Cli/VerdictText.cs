using System.Text;
using SshExporter.Diagnosis;

namespace SshExporter.Cli;

/// <summary>
/// A verdict as the commands print it, before any detail: the state, the sentence that names the likely cause, what to
/// do, the commands that confirm and fix it, and its runbook section; then the evidence and the lesser findings. The
/// words are the pages' (<see cref="VerdictWording"/>, the findings of <see cref="Diagnoser"/>).
/// </summary>
internal static class VerdictText
{
    /// <param name="text">Where it is appended.</param>
    /// <param name="name">What it is about: a target's address, or "local sshd".</param>
    /// <param name="verdict">The verdict.</param>
    /// <param name="healthy">The sentence for a healthy verdict.</param>
    /// <param name="unknown">The sentence when there is nothing to judge.</param>
    public static void Append(StringBuilder text, string name, Verdict verdict, string healthy, string unknown)
    {
        text.Append($"{State(verdict.State, CommandOutput.Colour)}: {name}\n");
        if (verdict.Headline is { } headline)
        {
            text.Append(headline.Summary).Append('\n');
            if (headline.FixHint is { } hint)
            {
                text.Append("Next: ").Append(hint).Append('\n');
            }

            Commands(text, "Confirm", headline.Confirm);
            Commands(text, "Fix", headline.Fix);
            text.Append($"Runbook: {headline.RunbookUrl} ({headline.AlertName})\n");
            List(text, "Evidence", headline.Evidence);
            Others(text, verdict.Findings.Skip(1).ToList());
        }
        else
        {
            text.Append(verdict.State == VerdictState.Healthy ? healthy : unknown).Append('\n');
            Others(text, verdict.Findings);
        }
    }

    /// <summary>The state's word, in the pages' colour (bold red, yellow, green) when <paramref name="colour"/>.</summary>
    private static string State(VerdictState state, bool colour)
    {
        string code = state switch
        {
            VerdictState.Critical => "1;31",
            VerdictState.Warning => "1;33",
            VerdictState.Healthy => "1;32",
            _ => "",
        };
        return colour && code.Length > 0 ? $"\e[{code}m{state.Label()}\e[0m" : state.Label();
    }

    private static void Commands(StringBuilder text, string label, IReadOnlyList<string> commands)
    {
        if (commands.Count > 0)
        {
            text.Append($"{label}:\n");
            foreach (string command in commands)
            {
                text.Append("  ").Append(command).Append('\n');
            }
        }
    }

    private static void List(StringBuilder text, string label, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            text.Append($"{label}:\n");
            foreach (string item in items)
            {
                text.Append("  - ").Append(item).Append('\n');
            }
        }
    }

    /// <summary>The findings besides the headline: lesser ones, or notes on a healthy target.</summary>
    private static void Others(StringBuilder text, IReadOnlyList<Finding> findings) =>
        List(text, $"Also found ({findings.Count})", [.. findings.Select(finding => $"{finding.Summary} Runbook: {finding.RunbookUrl} ({finding.AlertName})")]);
}
