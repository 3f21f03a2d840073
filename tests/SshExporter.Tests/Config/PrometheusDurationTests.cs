using SshExporter.Config;

namespace SshExporter.Tests.Config;

public class PrometheusDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1s500ms", 1_500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("1y1w1d1h1m1s1ms", 31_536_000_000 + 604_800_000 + 86_400_000 + 3_600_000 + 60_000 + 1_000 + 1)]
    [InlineData("90s", 90_000)]
    [InlineData("0005s", 5_000)]
    public void A_Prometheus_duration_is_parsed(string text, long expectedMs)
    {
        Assert.True(PrometheusDuration.TryParse(text, out var duration));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("5 s")]
    [InlineData(" 5s")]
    [InlineData("5S")]
    [InlineData("5sec")]
    [InlineData("-5s")]
    [InlineData("+5s")]
    [InlineData("1.5s")]
    [InlineData("30s1m")]
    [InlineData("1ms1s")]
    [InlineData("5s5s")]
    [InlineData("PT5S")]
    [InlineData("00:00:05")]
    public void Text_that_is_not_a_Prometheus_duration_is_rejected(string? text)
    {
        Assert.False(PrometheusDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    // TimeSpan holds about 29,227 years; a longer duration is out of range, reported as false, never thrown.
    [Theory]
    [InlineData("29000y", true)]
    [InlineData("30000y", false)]
    [InlineData("100000000y", false)]
    [InlineData("99999999999999999999s", false)]
    [InlineData("29000y20000w", false)]
    public void A_duration_longer_than_TimeSpan_holds_is_rejected_without_throwing(string text, bool accepted)
    {
        Assert.Equal(accepted, PrometheusDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(5_000, "5s")]
    [InlineData(90_000, "90s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(250, "250ms")]
    public void A_duration_is_formatted_in_seconds_or_milliseconds(long milliseconds, string expected)
    {
        string text = PrometheusDuration.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(PrometheusDuration.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }
}
