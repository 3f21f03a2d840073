using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

public class ScrapeBudgetTests
{
    // blackbox_exporter's TestTimeoutIsSetCorrectly (main_test.go), row for row, in milliseconds:
    // module timeout (0 = none), X-Prometheus-Scrape-Timeout-Seconds, offset, expected timeout.
    [Theory]
    [InlineData(0, "15", 500, 14_500)]
    [InlineData(0, "15", 0, 15_000)]
    [InlineData(20_000, "15", 500, 14_500)]
    [InlineData(20_000, "15", 0, 15_000)]
    [InlineData(5_000, "15", 0, 5_000)]
    [InlineData(5_000, "15", 500, 5_000)]
    [InlineData(10_000, "", 500, 10_000)]
    [InlineData(10_000, "10", 500, 9_500)]
    [InlineData(9_500, "", 500, 9_500)]
    [InlineData(9_500, "", 1_000, 9_500)]
    [InlineData(0, "", 500, 119_500)]
    [InlineData(0, "", 0, 120_000)]
    public void The_timeout_follows_blackbox_exporters_table(int moduleMs, string header, int offsetMs, int expectedMs)
    {
        AssertTimeout(moduleMs, header, offsetMs, expectedMs);
    }

    [Theory]
    [InlineData(10_000, null, 500, 10_000)]
    [InlineData(5_000, "2.5", 500, 2_000)]
    [InlineData(20_000, "1e1", 500, 9_500)]
    [InlineData(5_000, " 15 ", 500, 5_000)]
    // An offset larger than the scrape timeout leaves no budget: the module's timeout applies, as in blackbox.
    [InlineData(5_000, "0.25", 500, 5_000)]
    // ...and with no module timeout either, the scrape timeout itself (blackbox would return 0 here).
    [InlineData(0, "0.25", 500, 250)]
    // A header too large for a timer is taken as the longest timeout there is, not an error.
    [InlineData(0, "1e300", 0, 3_600_000)]
    public void The_timeout_is_the_scrape_budget_capped_by_the_module(int moduleMs, string? header, int offsetMs, int expectedMs)
    {
        AssertTimeout(moduleMs, header, offsetMs, expectedMs);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("15s")]
    [InlineData("1,5")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    public void A_header_that_is_not_a_positive_number_is_an_error(string header)
    {
        bool ok = ScrapeBudget.TryParse(header, ScrapeBudget.DefaultOffset, out _, out string error);

        Assert.False(ok);
        Assert.Equal($"X-Prometheus-Scrape-Timeout-Seconds '{header}' is not a positive number of seconds", error);
    }

    [Fact]
    public void The_probe_command_has_no_scrape_to_answer_so_a_module_gets_its_own_timeout()
    {
        Assert.Equal(ModuleSettings.MaxTimeout, ScrapeBudget.Unlimited.TimeoutFor(ModuleSettings.MaxTimeout));
        Assert.Equal(TimeSpan.FromMilliseconds(1), ScrapeBudget.Unlimited.TimeoutFor(TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Without_a_header_the_budget_is_two_minutes_less_half_a_second()
    {
        Assert.True(ScrapeBudget.TryParse(null, ScrapeBudget.DefaultOffset, out var budget, out string error));

        Assert.Equal(TimeSpan.FromMilliseconds(119_500), budget.Total);
        Assert.Equal("", error);
    }

    private static void AssertTimeout(int moduleMs, string? header, int offsetMs, int expectedMs)
    {
        bool ok = ScrapeBudget.TryParse(header, TimeSpan.FromMilliseconds(offsetMs), out var budget, out string error);

        Assert.True(ok, error);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), budget.TimeoutFor(TimeSpan.FromMilliseconds(moduleMs)));
    }
}
