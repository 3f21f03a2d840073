using SshExporter.Tests.Fixtures;
using Xunit.Sdk;

namespace SshExporter.Tests.Alerting;

/// <summary>The alerting environment's rules keep their shipped timing order only if every duration in them scales.</summary>
[NeedsPrometheus]
public class ShippedRulesTests
{
    [Theory]
    [InlineData("last_over_time(x[2m]) == 0", "last_over_time(x[12s]) == 0")]
    [InlineData("rate(x[1h30m])", "rate(x[540s])")]
    [InlineData("max_over_time(x[1d])", "max_over_time(x[8640s])")]
    [InlineData("max_over_time(rate(x[5m])[30m:1m])", "max_over_time(rate(x[30s])[180s:6s])")]
    [InlineData("max_over_time(x[5m:])", "max_over_time(x[30s:])")]
    [InlineData("x offset 5m", "x offset 30s")]
    [InlineData("x offset -1h", "x offset -360s")]
    [InlineData("x{address!~\"[0-9]+\"} # [2m] in a comment", "x{address!~\"[0-9]+\"} # [2m] in a comment")]
    public void Every_range_subquery_and_offset_is_divided_and_nothing_else(string shipped, string scaled) =>
        Assert.Equal(scaled, ShippedRules.ScaleExpression(shipped, 10));

    [Theory]
    [InlineData("rate(x[5m + 1m])")]
    [InlineData("x offset 1.5m")]
    [InlineData("x[1.5m]")]
    public void A_duration_it_cannot_read_fails_instead_of_staying_unscaled(string shipped) =>
        Assert.Throws<FalseException>(() => ShippedRules.ScaleExpression(shipped, 10));

    [Fact]
    public async Task The_scaled_shipped_rules_pass_promtool()
    {
        using var directory = new TempDirectory();
        string scaled = ShippedRules.WriteScaled(directory, AlertingTiming.TimeDivisor);

        var check = await ExternalCommand.RunAsync(
            Requires.Tool("promtool"), ["check", "rules", scaled], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(check.ExitCode == 0, check.ToString());
        // The shipped causes wait 2m and read the local view over [2m]; scaled, neither is left.
        string text = File.ReadAllText(scaled);
        Assert.Contains("for: 12s", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[2m]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("for: 2m", text, StringComparison.Ordinal);
    }
}
