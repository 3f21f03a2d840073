using SshExporter.Probing;
using SshExporter.Probing.Kex;
using SshExporter.Recent;
using SshExporter.Tests.Probing.Kex;

namespace SshExporter.Tests.Recent;

/// <summary>The recent probes stay bounded whatever the traffic and the length of what is probed, and find what they keep.</summary>
public class RecentProbesTests
{
    private static readonly ProbeResult Refused = new(ProbeOutcome.Refused, null, null, TimeSpan.FromMilliseconds(3), TimeSpan.FromSeconds(5), []);

    [Fact]
    public void Keeps_the_last_probes_newest_first_and_forgets_older_ids()
    {
        var recent = new RecentProbes(TimeProvider.System);

        for (int i = 0; i < 250; i++)
        {
            recent.Add(Job("localhost", 22, configured: false), Refused, null);
        }

        Assert.Equal(Enumerable.Range(151, 100).Reverse().Select(id => (long)id), recent.Newest().Select(probe => probe.Id));
        Assert.Null(recent.Find(150));
        Assert.Equal(151, recent.Find(151)?.Id);
        Assert.Null(recent.Find(0));
        Assert.Null(recent.Find(251));
    }

    [Fact]
    public void A_long_target_and_a_long_log_are_cut_so_that_memory_stays_bounded()
    {
        var recent = new RecentProbes(TimeProvider.System);

        for (int i = 0; i < 1000; i++)
        {
            // A probe's own trace is bounded; /probe?debug=true's is not, and is cut when kept.
            var trace = i % 2 == 0 ? recent.NewTrace() : new ProbeTrace(TimeProvider.System);
            for (int step = 0; step < 1000; step++)
            {
                trace.Write($"step {step} of a very chatty probe");
            }

            recent.Add(Job(new string('a', 5000) + ".invalid", 22, configured: false), Refused, trace);
        }

        var kept = recent.Newest();
        Assert.Equal(RecentProbes.Capacity, kept.Count);
        Assert.All(kept, probe => Assert.Equal(RecentProbes.MaxTargetLength, probe.Target.Length));
        Assert.All(kept, probe => Assert.InRange(probe.Trace!.Length, RecentProbes.MaxLogLength - 40, RecentProbes.MaxLogLength));
        Assert.All(kept, probe => Assert.EndsWith("more steps not kept\n", probe.Log, StringComparison.Ordinal));
        Assert.StartsWith("step 0 of a very chatty probe", kept[0].Log![13..], StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_targets_latest_probe_outlives_the_ring_without_its_log()
    {
        var recent = new RecentProbes(TimeProvider.System);
        recent.Add(Job("localhost", 22, configured: true), Refused, recent.NewTrace());

        for (int i = 0; i < 150; i++)
        {
            recent.Add(Job("localhost", 2222, configured: false), Refused, null);
        }

        var latest = recent.Latest("localhost:22", "default");
        Assert.Equal((1L, (ProbeTrace?)null), (latest?.Id, latest?.Trace));
        Assert.Null(recent.Find(1));
        Assert.Null(recent.Latest("localhost:22", "other"));
    }

    [Fact]
    public void A_newer_probe_of_the_same_target_in_the_ring_wins_over_the_configured_ones()
    {
        var recent = new RecentProbes(TimeProvider.System);
        recent.Add(Job("localhost", 22, configured: true), Refused, null);
        recent.Add(Job("localhost", 22, configured: false), Refused with { Outcome = ProbeOutcome.Success }, null);

        Assert.Equal((2L, ProbeOutcome.Success), (recent.Latest("localhost:22", "default")!.Id, recent.Latest("localhost:22", "default")!.Result.Outcome));
    }

    [Fact]
    public void A_kept_trace_leaves_the_KEXINIT_to_the_page_view_which_describes_it_from_the_result()
    {
        var recent = new RecentProbes(TimeProvider.System);
        var trace = recent.NewTrace();

        var observation = KexInitStage.Judge(KexInitPackets.Offer(), trace);
        recent.Add(Job("localhost", 22, configured: false), Refused with { Outcome = ProbeOutcome.Success, KexInit = observation }, trace);

        Assert.Equal(0, trace.Length);
        Assert.Contains("The server's KEXINIT offers:\n", recent.Find(1)!.Log, StringComparison.Ordinal);
        Assert.Contains("  kex_algorithms: curve25519-sha256\n", recent.Find(1)!.Log, StringComparison.Ordinal);
    }

    private static ProbeJob Job(string host, int port, bool configured) =>
        new(new TargetAddress(host, port), "default", new ModuleSettings(), TimeSpan.FromSeconds(5), configured ? [$"{host}:{port}"] : []);
}
