using SshExporter.Hosting;

namespace SshExporter.Tests.Hosting;

public class IdleMemoryTrimTests
{
    [Fact]
    public void Trims_once_collections_ran_since_the_last_trim_and_none_in_the_last_interval() =>
        Assert.True(IdleMemoryTrim.ShouldTrim(atLastTrim: 3, atLastLook: 9, now: 9));

    [Fact]
    public void Does_not_trim_while_collections_still_run() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(atLastTrim: 3, atLastLook: 8, now: 9));

    [Fact]
    public void Does_not_trim_again_when_nothing_was_collected_since_the_last_trim() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(atLastTrim: 9, atLastLook: 9, now: 9));
}
