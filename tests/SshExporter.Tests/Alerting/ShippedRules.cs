using System.Text.RegularExpressions;
using SshExporter.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>The shipped alerts/ssh-exporter.rules.yml, with only its durations scaled for a test.</summary>
public static partial class ShippedRules
{
    /// <summary>The durations a rule holds outside its expression.</summary>
    private static readonly string[] DurationKeys = ["for", "keep_firing_for"];

    /// <summary>
    /// What an expression's durations stand in, found in one pass from the left: a comment or string literal (left
    /// as it is, whatever it holds); a range selector or subquery (<c>[2m]</c>, <c>[1h30m]</c>, <c>[5m:1m]</c>,
    /// <c>[5m:]</c>); an offset (<c>offset 5m</c>, <c>offset -1h</c>); or a bracket or <c>offset</c> of any other
    /// form, which the scaling does not know and so must not pass over.
    /// </summary>
    [GeneratedRegex("""
        (?<skip>\#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)
        |\[(?<range>(?:[0-9]+(?:ms|[smhdwy]))+)(?<colon>:(?<step>(?:[0-9]+(?:ms|[smhdwy]))+)?)?\]
        |\boffset\s+(?<sign>-?)(?<offset>(?:[0-9]+(?:ms|[smhdwy]))+)\b
        |(?<unknown>\[|\boffset\b)
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DurationSyntax();

    /// <summary>
    /// Writes the rules with every duration divided by <paramref name="divisor"/> (2m → 12s for 10): each
    /// <c>for:</c>, and the range selectors, subqueries and offsets of the expressions, which read the local view
    /// over its last scrapes; so the shipped order of the timings holds. Nothing else of the expressions, labels
    /// or annotations changes.
    /// </summary>
    public static string WriteScaled(TempDirectory directory, int divisor)
    {
        var root = YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.RuleFile));
        foreach (var rule in ShippedAlerts.Rules(root))
        {
            foreach (string key in DurationKeys)
            {
                if (rule.Text(key) is { } shipped)
                {
                    rule.Set(key, Scaled(shipped, divisor));
                }
            }

            rule.Set("expr", ScaleExpression(rule.Text("expr")!, divisor));
        }

        return directory.Write("ssh-exporter.rules.yml", YamlFile.Save(root));
    }

    /// <summary>
    /// <paramref name="expression"/> with every duration divided by <paramref name="divisor"/>; fails the test on
    /// a bracket or <c>offset</c> it cannot read, rather than leave a duration unscaled.
    /// </summary>
    public static string ScaleExpression(string expression, int divisor) => DurationSyntax().Replace(expression, match =>
    {
        var groups = match.Groups;
        if (groups["range"].Success)
        {
            string step = groups["step"].Success ? Scaled(groups["step"].Value, divisor) : "";
            return $"[{Scaled(groups["range"].Value, divisor)}{(groups["colon"].Success ? ":" + step : "")}]";
        }

        if (groups["offset"].Success)
        {
            return $"offset {groups["sign"].Value}{Scaled(groups["offset"].Value, divisor)}";
        }

        Assert.False(groups["unknown"].Success, $"cannot scale the durations of '{expression[match.Index..]}' (in: {expression})");
        return match.Value;
    });

    private static string Scaled(string shipped, int divisor)
    {
        Assert.True(PrometheusDuration.TryParse(shipped, out var duration), $"'{shipped}' is not a Prometheus duration");
        return PrometheusDuration.Format(duration / divisor);
    }
}
