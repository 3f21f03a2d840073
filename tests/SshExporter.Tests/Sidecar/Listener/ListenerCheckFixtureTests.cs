using SshExporter.Sidecar;
using SshExporter.Sidecar.Listener;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Listener;

/// <summary>The listener check against the captured procfs root: the namespace choice and what "could not run" means.</summary>
public class ListenerCheckFixtureTests
{
    private static readonly HostPaths Sample = new(ProcRoot: ListenerSample.Root);

    [Fact]
    public void In_its_own_namespace_the_sample_has_nothing_on_port_22()
    {
        ListenerSample.RequireLittleEndian();

        ListenerReport report = new ListenerCheck(Sample).Run([22, 2024]);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        Assert.False(report.ForPort(22)!.Listening);
        Assert.Equal(["0.0.0.0"], report.ForPort(2024)!.Addresses);
        Assert.Equal(10, report.Sockets.Count);
    }

    [Fact]
    public void Pid_1s_namespace_is_read_from_1_net_where_port_22_listens_on_both_wildcards()
    {
        ListenerSample.RequireLittleEndian();
        var options = new ListenerCheckOptions { NetDirectory = ListenerCheckOptions.Pid1NetworkNamespace };

        ListenerReport report = new ListenerCheck(Sample, options).Run([22, 2222, 2200, 830, 2022]);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        PortListeners ssh = report.ForPort(22)!;
        Assert.True(ssh.Listening);
        Assert.False(ssh.LoopbackOnly);
        Assert.Equal(["0.0.0.0", "::"], ssh.Addresses);
        Assert.All(ssh.Sockets, s => Assert.True(s.IsWildcard));
        Assert.Equal(["127.0.0.1", "::1"], report.ForPort(2222)!.Addresses);
        Assert.True(report.ForPort(2222)!.LoopbackOnly);
        Assert.True(report.ForPort(2200)!.LoopbackOnly);
        Assert.Equal(["2001:db8:85a3::8a2e:370:7334"], report.ForPort(830)!.Addresses);
        Assert.False(report.ForPort(2022)!.Listening);
        Assert.Null(report.ForPort(8022));
    }

    [Fact]
    public void Owners_stay_unknown_when_the_procfs_root_has_no_process_descriptors()
    {
        ListenerSample.RequireLittleEndian();
        var options = new ListenerCheckOptions { NetDirectory = ListenerCheckOptions.Pid1NetworkNamespace };

        ListenerReport report = new ListenerCheck(Sample, options).Run([22]);

        Assert.True(report.Status.CouldRun);
        Assert.All(report.ForPort(22)!.Sockets, s => Assert.Null(s.Owner));
        Assert.Contains("owners named for 0 of 2 sockets", report.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_tcp6_the_check_still_runs_since_IPv6_may_be_off()
    {
        ListenerSample.RequireLittleEndian();
        using var proc = new TempDirectory();
        File.Copy(ListenerSample.Table("1/net/tcp"), proc.PathOf("net/tcp"));

        ListenerReport report = new ListenerCheck(new HostPaths(ProcRoot: proc.Path)).Run([22]);

        Assert.True(report.Status.CouldRun);
        Assert.Contains("IPv6 is off", report.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["0.0.0.0"], report.ForPort(22)!.Addresses);
    }

    [Fact]
    public void Without_tcp_the_check_could_not_run_and_reports_no_ports()
    {
        using var proc = new TempDirectory();

        ListenerReport report = new ListenerCheck(new HostPaths(ProcRoot: proc.Path)).Run([22]);

        Assert.False(report.Status.CouldRun);
        Assert.Contains("absent", report.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(report.Ports);
        Assert.Null(report.ForPort(22));
    }

    [Fact]
    public void An_unreadable_tcp6_table_means_could_not_run_not_fewer_listeners()
    {
        using var proc = new TempDirectory();
        File.Copy(ListenerSample.Table("1/net/tcp"), proc.PathOf("net/tcp"));
        // A directory where the table should be fails to open as root too, unlike a chmod 000 file.
        Directory.CreateDirectory(proc.PathOf("net/tcp6"));

        ListenerReport report = new ListenerCheck(new HostPaths(ProcRoot: proc.Path)).Run([22]);

        Assert.False(report.Status.CouldRun);
        Assert.Contains("unreadable", report.Status.Detail, StringComparison.Ordinal);
    }
}
