using System.Diagnostics;
using System.Runtime.Versioning;
using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Commands;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Sidecar;

/// <summary>
/// A flood of page views during scrapes, against a real sshd and the host's own tools: the views share a few runs
/// of the checks rather than one each, and no scrape reports a check that could not look.
/// </summary>
[NeedsSshd]
public class SidecarSharingTests
{
    private const int PageViews = 200;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Two_hundred_page_views_during_scrapes_share_a_few_runs_and_every_scrape_sees_every_check_look()
    {
        await using var sshd = await SshdFixture.StartAsync(Token);
        using var directory = new TempDirectory();
        // sshd -t runs once per run of the checks: a wrapper counts the runs.
        string runs = directory.PathOf("runs");
        string real = ProcessCommandRunner.Resolve("sshd") ?? throw new InvalidOperationException("no sshd");
        string counting = directory.WriteExecutable("sshd", $"#!/bin/sh\necho run >> '{runs}'\nexec '{real}' \"$@\"\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig($"""
            sidecar:
              sshd_config: {sshd.ConfigPath}
              sshd_binary: {counting}
            """));
        // The first scrape also starts the runtime's code paths: it is left out of the timing and the count.
        AssertEveryCheckLooked(await exporter.GetTextAsync("/metrics"), "the scrape before the page views");
        File.Delete(runs);
        var clock = Stopwatch.StartNew();
        var pages = Task.WhenAll(Enumerable.Range(0, PageViews).Select(i => exporter.GetTextAsync(i % 2 == 0 ? "/" : "/sidecar")));
        var scrapes = new List<(TimeSpan Took, string Body)>();
        while (!pages.IsCompleted || scrapes.Count < 3)
        {
            var took = Stopwatch.StartNew();
            string body = await exporter.GetTextAsync("/metrics");
            scrapes.Add((took.Elapsed, body));
        }

        string[] views = await pages;
        int during = Count(runs);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{PageViews} page views and {scrapes.Count} scrapes (slowest {scrapes.Max(s => s.Took).TotalSeconds:0.00}s) in {clock.Elapsed.TotalSeconds:0.00}s: {during} runs of the checks");

        Assert.All(scrapes.Select((scrape, i) => (scrape, i)), s => AssertEveryCheckLooked(s.scrape.Body, $"scrape {s.i} (took {s.scrape.Took.TotalSeconds:0.0}s)"));
        // Not starved: no scrape waits for the page views' runs (without the share, page views made scrapes take 8-10 s).
        Assert.All(scrapes, scrape => Assert.True(scrape.Took < ModuleSettings.DefaultTimeout, $"a scrape took {scrape.Took.TotalSeconds:0.0}s"));
        Assert.All(views, view => Assert.Matches(@"checked \d+ s ago", view));
        // Each scrape may start one run; page views at most one per PageMaxAge; one more may be queued at the end.
        int allowed = scrapes.Count + (int)(clock.Elapsed / SharedSidecarRun.PageMaxAge) + 2;
        Assert.True(during <= allowed, $"{during} runs of the checks for {PageViews} page views and {scrapes.Count} scrapes in {clock.Elapsed.TotalSeconds:0.0}s; at most {allowed} expected");
    }

    private static void AssertEveryCheckLooked(string body, string which)
    {
        var checks = Samples(body).Where(s => s.Key.StartsWith("sshd_check_success{", StringComparison.Ordinal)).ToList();
        Assert.True(checks.Count >= 7, $"{which}: only {checks.Count} checks reported");
        Assert.All(checks, s => Assert.True(s.Value == 1, $"{which}: {s.Key} is {s.Value}"));
    }

    private static int Count(string runs) => File.Exists(runs) ? File.ReadAllLines(runs).Length : 0;
}
