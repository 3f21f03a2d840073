using SshExporter.Hosting;

namespace SshExporter.Tests.Hosting;

public class IdleMemoryTrimTests
{
    private const long AfterTrim = 40L * 1024 * 1024;
    private const long AfterBurst = AfterTrim + IdleMemoryTrim.Growth + 1;

    [Fact]
    public void Trims_once_a_burst_grew_the_heap_and_no_collection_ran_in_the_last_interval() =>
        Assert.True(IdleMemoryTrim.ShouldTrim(atLastTrim: 3, atLastLook: 9, now: 9, AfterTrim, AfterBurst));

    [Fact]
    public void Does_not_trim_while_collections_still_run() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(atLastTrim: 3, atLastLook: 8, now: 9, AfterTrim, AfterBurst));

    [Fact]
    public void Does_not_trim_again_when_nothing_was_collected_since_the_last_trim() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(atLastTrim: 9, atLastLook: 9, now: 9, AfterTrim, AfterBurst));

    [Fact]
    public void Does_not_trim_between_the_scrapes_of_a_steady_exporter_whose_heap_did_not_grow_much() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(atLastTrim: 3, atLastLook: 9, now: 9, AfterTrim, AfterTrim + IdleMemoryTrim.Growth));
}
