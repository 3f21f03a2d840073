using System.Net;
using SshExporter.Metrics;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Listener;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Checks;

/// <summary><c>sshd_listener_info{port,address,process}</c> as the listener check writes it from its report.</summary>
public class ListenerInfoMetricTests
{
    [Fact]
    public async Task Each_distinct_port_address_and_owner_is_one_series_and_an_unnamed_owner_is_empty()
    {
        var sockets = new[]
        {
            // Two sockets on one address by one command (SO_REUSEPORT) are one series.
            new ListeningSocket(IPAddress.Any, 22, 1, new SocketOwner(812, "sshd")),
            new ListeningSocket(IPAddress.Any, 22, 2, new SocketOwner(813, "sshd")),
            new ListeningSocket(IPAddress.IPv6Any, 22, 3, new SocketOwner(812, "sshd")),
            new ListeningSocket(IPAddress.Loopback, 22, 4),
        };
        var report = SidecarReports.Healthy().With(SidecarReports.Listening(22, sockets));

        var info = await ListenerInfoAsync(report);

        Assert.Equal(
            [("22", "0.0.0.0", "sshd"), ("22", "127.0.0.1", ""), ("22", "::", "sshd")],
            info.Select(s => (s.Label("port"), s.Label("address"), s.Label("process"))).OrderBy(t => t.Item2, StringComparer.Ordinal));
        Assert.All(info, s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task Another_program_on_the_port_is_named()
    {
        var report = SidecarReports.Healthy().With(SidecarReports.Listening(22, new ListeningSocket(IPAddress.IPv6Loopback, 22, 7, new SocketOwner(99, "socat"))));

        var info = Assert.Single(await ListenerInfoAsync(report));

        Assert.Equal(("22", "::1", "socat"), (info.Label("port"), info.Label("address"), info.Label("process")));
    }

    [Fact]
    public async Task Nothing_listening_on_a_watched_port_gives_no_series_while_listener_up_says_0()
    {
        var report = SidecarReports.Healthy().With(SidecarReports.Listening(22));

        var samples = await WriteAsync(report);

        Assert.DoesNotContain(samples, s => s.Name == "sshd_listener_info");
        Assert.Equal(0, Assert.Single(samples, s => s.Name == "sshd_listener_up").Value);
    }

    [Fact]
    public async Task A_listener_check_that_could_not_look_leaves_the_metric_out()
    {
        var report = SidecarReports.Healthy().With(new ListenerResult(new ListenerReport(CheckStatus.CouldNotRun("/proc/net/tcp is absent"), [], [])));

        var samples = await WriteAsync(report);

        Assert.DoesNotContain(samples, s => s.Name is "sshd_listener_info" or "sshd_listener_up");
        Assert.Equal(0, Assert.Single(samples, s => s.Name == "sshd_check_success" && s.Label("check") == SidecarChecks.Listener).Value);
    }

    [Fact]
    public void The_captured_procfs_gives_one_binding_per_wildcard_with_no_owner_named()
    {
        Listener.ListenerSample.RequireLittleEndian();
        var options = new ListenerCheckOptions { NetDirectory = ListenerCheckOptions.Pid1NetworkNamespace };

        var report = new ListenerCheck(new HostPaths(ProcRoot: Listener.ListenerSample.Root), options).Run([22, 2022]);

        Assert.Equal([new ListenerBinding(22, "0.0.0.0", ""), new ListenerBinding(22, "::", "")], report.Bindings);
    }

    private static async Task<List<Sample>> ListenerInfoAsync(SidecarReport report) =>
        [.. (await WriteAsync(report)).Where(s => s.Name == "sshd_listener_info")];

    private static async Task<IReadOnlyList<Sample>> WriteAsync(SidecarReport report)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new SidecarMetricsWriter(registry).Write(report);
        return await ExpositionText.SamplesAsync(registry);
    }
}
