using SshExporter.Sidecar;
using SshExporter.Sidecar.Service;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Service;

/// <summary>
/// The service check against a real sshd the test starts and stops. Its temp directory serves as the rootfs,
/// so the pid file is <c>/sshd.pid</c> there and no systemd is found even on a machine that runs one.
/// </summary>
[NeedsSshd]
public class SshdServiceTests
{
    private static readonly ServiceCheckOptions PidFileInRoot = new() { PidFile = SshdFixture.HostPidFile };

    [Fact]
    public async Task A_running_sshd_named_by_its_pid_file_is_active()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SshdFixture sshd = await SshdFixture.StartAsync(ct);

        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: sshd.RootDirectory), HostCommands.Runner, PidFileInRoot).RunAsync(ct);

        Assert.True(report.Status.CouldRun, report.Status.Detail);
        Assert.True(report.Active, report.Detail);
        Assert.Equal(ServiceMethod.PidFile, report.Method);
        Assert.Equal($"/sshd.pid names pid {sshd.Pid}, which is sshd", report.Detail);
    }

    [Fact]
    public async Task After_sshd_is_stopped_its_pid_file_is_gone_and_sshd_is_not_active()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SshdFixture sshd = await SshdFixture.StartAsync(ct);

        await sshd.TerminateAsync(ct);
        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: sshd.RootDirectory), HostCommands.Runner, PidFileInRoot).RunAsync(ct);

        Assert.True(report.Status.CouldRun);
        Assert.False(report.Active);
        Assert.Equal("pid file /sshd.pid is absent: sshd is not running", report.Detail);
    }

    [Fact]
    public async Task After_sshd_is_killed_its_stale_pid_file_names_a_process_that_is_gone()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SshdFixture sshd = await SshdFixture.StartAsync(ct);

        await sshd.KillAsync();
        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: sshd.RootDirectory), HostCommands.Runner, PidFileInRoot).RunAsync(ct);

        Assert.True(report.Status.CouldRun);
        Assert.False(report.Active);
        Assert.Equal($"stale pid file: /sshd.pid names pid {sshd.Pid}, which is gone", report.Detail);
    }

    [Fact]
    public async Task Without_a_pid_file_the_process_scan_finds_the_listening_sshd()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SshdFixture sshd = await SshdFixture.StartAsync(ct);

        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: sshd.RootDirectory), HostCommands.Runner, new ServiceCheckOptions { PidFile = null }).RunAsync(ct);

        Assert.True(report.Active, report.Detail);
        Assert.Equal(ServiceMethod.ProcessScan, report.Method);
        Assert.Equal("process-scan", report.Method.ToLabel());
        Assert.Contains(sshd.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), report.Detail.Split(' ', ','));
    }

    [Fact]
    public async Task The_real_sshd_titles_itself_as_the_listener()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SshdFixture sshd = await SshdFixture.StartAsync(ct);
        var paths = new HostPaths();

        Assert.Equal("sshd", ProcessTable.ReadComm(paths, sshd.Pid));
        Assert.True(SshdProcess.IsListener(ProcessTable.ReadCommandLine(paths, sshd.Pid)));
    }

    [Fact]
    public async Task When_systemctl_cannot_be_asked_a_live_sshd_in_the_pid_file_still_counts()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SshdFixture sshd = await SshdFixture.StartAsync(ct);
        Directory.CreateDirectory(Path.Combine(sshd.RootDirectory, "run", "systemd", "system"));

        // No command is answered: systemctl is "not found".
        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: sshd.RootDirectory), new CannedCommands(), PidFileInRoot).RunAsync(ct);

        Assert.True(report.Active);
        Assert.Equal(ServiceMethod.PidFile, report.Method);
        Assert.StartsWith("systemctl could not be asked: systemctl not found", report.Detail, StringComparison.Ordinal);
        Assert.EndsWith($"/sshd.pid names pid {sshd.Pid}, which is sshd", report.Detail, StringComparison.Ordinal);
    }
}
