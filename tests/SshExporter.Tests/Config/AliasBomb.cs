using System.Globalization;
using System.Text;
using SshExporter.Config;

namespace SshExporter.Tests.Config;

/// <summary>A config whose targets all share one label set by alias, each label a long value by alias: small to write, large once written out.</summary>
public static class AliasBomb
{
    /// <summary>One label set of 32 aliases of one long value, shared by every target.</summary>
    public static string Text(int targets)
    {
        var yaml = new StringBuilder("targets:\n  - address: 127.0.0.1:1\n    labels: &all\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      l0: &long {new string('x', 1_000)}\n");
        for (int label = 1; label < ConfigLimits.MaxLabelNames; label++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      l{label}: *long\n");
        }

        for (int target = 2; target <= targets; target++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{address: \"127.0.0.1:{target}\", labels: *all}}\n");
        }

        return yaml.ToString();
    }
}
