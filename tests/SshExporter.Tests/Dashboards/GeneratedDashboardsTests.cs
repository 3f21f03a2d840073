using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Dashboards;

/// <summary>
/// The committed dashboards are exactly what their generator (dashboards/src, Grafana's Foundation SDK) writes now,
/// and the generator itself type-checks: a change to the code or to the runbook's sections that was not
/// regenerated, or a hand edit of the JSON, fails here.
/// </summary>
[NeedsNode]
public class GeneratedDashboardsTests
{
    [Fact]
    public async Task The_committed_dashboards_are_what_the_generator_writes()
    {
        using var output = new TempDirectory();

        var run = await DashboardFiles.GenerateAsync(output.Path);

        Assert.True(run.ExitCode == 0, $"npm run dashboards failed: {run}");
        var generated = Directory.GetFiles(output.Path).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(DashboardFiles.Names, generated);
        foreach (string name in generated)
        {
            string committed = DashboardFiles.Text(name);
            string fresh = await File.ReadAllTextAsync(Path.Combine(output.Path, name), TestContext.Current.CancellationToken);
            Assert.True(committed == fresh, $"dashboards/{name} is not what the generator writes now (run `npm run dashboards`): {FirstDifference(committed, fresh)}");
        }
    }

    [Fact]
    public async Task The_generator_type_checks()
    {
        var check = await DashboardFiles.TscAsync("-p", RepositoryRoot.Combine("dashboards/src"));

        Assert.True(check.ExitCode == 0, $"tsc -p dashboards/src: {check}");
    }

    private static string FirstDifference(string committed, string fresh)
    {
        string[] a = committed.Split('\n');
        string[] b = fresh.Split('\n');
        for (int line = 0; line < Math.Max(a.Length, b.Length); line++)
        {
            string left = line < a.Length ? a[line] : "(end of file)";
            string right = line < b.Length ? b[line] : "(end of file)";
            if (left != right)
            {
                return $"line {line + 1}\n  committed: {left}\n  generated: {right}";
            }
        }

        return "(no line differs)";
    }
}
