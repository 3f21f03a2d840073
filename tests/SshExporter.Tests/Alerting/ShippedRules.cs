using System.Text.RegularExpressions;
using SshExporter.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>The shipped alerts/ssh-exporter.rules.yml, with only its durations scaled for a test.</summary>
public static partial class ShippedRules
{
    /// <summary>A range selector's duration in an expression: the <c>2m</c> of <c>last_over_time(x[2m])</c>.</summary>
    [GeneratedRegex(@"\[(?<duration>[0-9]+[smh])\]")]
    private static partial Regex RangeSelector();

    /// <summary>
    /// Writes the rules with every duration divided by <paramref name="divisor"/> (2m → 12s for 10): each
    /// <c>for:</c>, and the range selectors of the expressions, which read the local view over its last scrapes;
    /// so the shipped order of the timings holds. Nothing else of the expressions, labels or annotations changes.
    /// </summary>
    public static string WriteScaled(TempDirectory directory, int divisor)
    {
        var root = YamlFile.Load(RepositoryRoot.Combine(ShippedAlerts.RuleFile));
        foreach (var rule in ShippedAlerts.Rules(root))
        {
            if (rule.Text("for") is { } shipped)
            {
                rule.Set("for", Scaled(shipped, divisor));
            }

            rule.Set("expr", RangeSelector().Replace(rule.Text("expr")!, m => $"[{Scaled(m.Groups["duration"].Value, divisor)}]"));
        }

        return directory.Write("ssh-exporter.rules.yml", YamlFile.Save(root));
    }

    private static string Scaled(string shipped, int divisor)
    {
        Assert.True(PrometheusDuration.TryParse(shipped, out var duration), $"'{shipped}' is not a Prometheus duration");
        return AlertingTiming.Format(duration / divisor);
    }
}
