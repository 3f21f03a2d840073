using System.Globalization;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Commands;
using SshExporter.Sidecar.Service;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Service;

/// <summary>The service check without a running sshd: pid files that do not name one, and when it cannot look.</summary>
public class ServiceCheckTests
{
    [Fact]
    public async Task An_absent_pid_file_means_sshd_is_not_running_which_is_a_finding()
    {
        using var root = new TempDirectory();

        ServiceReport report = await Check(root, "/run/sshd.pid");

        Assert.True(report.Status.CouldRun);
        Assert.False(report.Active);
        Assert.Equal(ServiceMethod.PidFile, report.Method);
        Assert.Equal("pid file /run/sshd.pid is absent: sshd is not running", report.Detail);
    }

    [Fact]
    public async Task A_pid_file_naming_a_process_that_is_not_sshd_is_stale()
    {
        using var root = new TempDirectory();
        await File.WriteAllTextAsync(root.PathOf("run/sshd.pid"), $"{Environment.ProcessId}\n", TestContext.Current.CancellationToken);
        string comm = File.ReadAllText("/proc/self/comm").TrimEnd('\n');

        ServiceReport report = await Check(root, "/run/sshd.pid");

        Assert.True(report.Status.CouldRun);
        Assert.False(report.Active);
        Assert.Equal($"stale pid file: /run/sshd.pid names pid {Environment.ProcessId}, which is '{comm}', not sshd", report.Detail);
    }

    [Fact]
    public async Task A_pid_file_without_a_pid_is_stale()
    {
        using var root = new TempDirectory();
        await File.WriteAllTextAsync(root.PathOf("run/sshd.pid"), "sshd\n", TestContext.Current.CancellationToken);

        ServiceReport report = await Check(root, "/run/sshd.pid");

        Assert.True(report.Status.CouldRun);
        Assert.False(report.Active);
        Assert.Equal("stale pid file: /run/sshd.pid holds no pid", report.Detail);
    }

    [Fact]
    public async Task An_unreadable_pid_file_means_the_check_could_not_run()
    {
        using var root = new TempDirectory();
        // A directory fails to open as root too, unlike a chmod 000 file.
        Directory.CreateDirectory(root.PathOf("run/sshd.pid"));

        ServiceReport report = await Check(root, "/run/sshd.pid");

        Assert.False(report.Status.CouldRun);
        Assert.False(report.Active);
        Assert.Contains("is unreadable", report.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pid_that_cannot_be_looked_up_means_the_check_could_not_run()
    {
        using var root = new TempDirectory();
        using var emptyProc = new TempDirectory();
        await File.WriteAllTextAsync(root.PathOf("run/sshd.pid"), "4242\n", TestContext.Current.CancellationToken);

        ServiceReport report = await new ServiceCheck(new HostPaths(root.Path, emptyProc.Path), HostCommands.Runner).RunAsync(TestContext.Current.CancellationToken);

        Assert.False(report.Status.CouldRun);
        Assert.Contains("cannot look up pid 4242", report.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_process_scan_cannot_run_without_a_procfs()
    {
        using var emptyProc = new TempDirectory();
        var check = new ServiceCheck(new HostPaths(ProcRoot: emptyProc.Path), HostCommands.Runner, new ServiceCheckOptions { PidFile = null });

        ServiceReport report = await check.RunAsync(TestContext.Current.CancellationToken);

        Assert.False(report.Status.CouldRun);
        Assert.Equal(ServiceMethod.ProcessScan, report.Method);
    }

    [Fact]
    public async Task A_process_scan_that_hits_its_bound_before_finding_sshd_could_not_run()
    {
        using var proc = new TempDirectory();
        await WriteProcess(proc, 1, "init", "/sbin/init");
        await WriteProcess(proc, 2, "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups");
        var options = new ServiceCheckOptions { PidFile = null, MaxProcessesScanned = 1 };

        ServiceReport bounded = await new ServiceCheck(new HostPaths(ProcRoot: proc.Path), HostCommands.Runner, options).RunAsync(TestContext.Current.CancellationToken);
        ServiceReport whole = await new ServiceCheck(new HostPaths(ProcRoot: proc.Path), HostCommands.Runner, options with { MaxProcessesScanned = 10 }).RunAsync(TestContext.Current.CancellationToken);

        Assert.False(bounded.Status.CouldRun);
        Assert.Contains("gave up", bounded.Detail, StringComparison.Ordinal);
        Assert.True(whole.Active);
        Assert.Equal("no pid file to ask; a listening sshd runs as pid 2", whole.Detail);
    }

    [Fact]
    public async Task A_process_scan_does_not_count_sshd_children_that_outlived_the_listener()
    {
        using var proc = new TempDirectory();
        await WriteProcess(proc, 1, "init", "/sbin/init");
        await WriteProcess(proc, 7, "sshd", "sshd: alice@pts/0");
        var options = new ServiceCheckOptions { PidFile = null };

        ServiceReport report = await new ServiceCheck(new HostPaths(ProcRoot: proc.Path), HostCommands.Runner, options).RunAsync(TestContext.Current.CancellationToken);

        Assert.True(report.Status.CouldRun);
        Assert.False(report.Active);
        Assert.Equal("no pid file to ask, and none of 2 processes is a listening sshd", report.Detail);
    }

    [Fact]
    public async Task On_a_machine_without_systemd_the_check_never_asks_systemd()
    {
        using var root = new TempDirectory();
        var commands = new CannedCommands();
        var options = new ServiceCheckOptions { PidFile = "/run/sshd.pid" };

        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: root.Path), commands, options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Empty(commands.Calls);
        Assert.Equal(ServiceMethod.PidFile, report.Method);
        Assert.True(report.Status.CouldRun);
    }

    [Fact]
    public async Task When_systemd_runs_the_host_but_systemctl_cannot_be_asked_no_pid_file_is_not_a_verdict()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.PathOf("run/systemd/system"));

        // No command is answered: systemctl is "not found".
        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: root.Path), new CannedCommands()).RunAsync(TestContext.Current.CancellationToken);

        // ssh.socket could hold the port with no sshd running yet, so "no pid file" proves nothing here.
        Assert.False(report.Status.CouldRun);
        Assert.Equal(ServiceMethod.Systemd, report.Method);
        Assert.StartsWith("systemctl could not be asked: systemctl not found", report.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_systemctl_that_did_not_finish_in_time_means_systemd_could_not_be_asked()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.PathOf("run/systemd/system"));
        var killed = new CommandResult(CommandStatus.TimedOut, -1, "", "", Error: "killed after 10s");
        const string units = "ssh.service ssh.socket sshd.service sshd.socket";
        var commands = new CannedCommands()
            .Answer($"systemctl --no-pager is-active {units}", killed)
            .Answer($"systemctl --no-pager show -p LoadState,ActiveState,SubState {units}", killed);

        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: root.Path), commands).RunAsync(TestContext.Current.CancellationToken);

        Assert.False(report.Status.CouldRun);
        Assert.StartsWith("systemctl could not be asked: systemctl did not finish in time (killed after 10s)", report.Detail, StringComparison.Ordinal);
    }

    [NeedsTool("systemctl")]
    [Fact]
    public async Task The_real_systemctl_on_a_machine_without_systemd_cannot_answer()
    {
        Assert.SkipWhen(Directory.Exists("/run/systemd/system"), "this machine runs systemd, so systemctl would answer");
        Fixtures.Requires.Tool("systemctl");
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.PathOf("run/systemd/system"));

        ServiceReport report = await new ServiceCheck(new HostPaths(RootFs: root.Path), HostCommands.Runner).RunAsync(TestContext.Current.CancellationToken);

        Assert.False(report.Status.CouldRun);
        Assert.StartsWith("systemctl could not be asked: ", report.Detail, StringComparison.Ordinal);
    }

    private static Task<ServiceReport> Check(TempDirectory root, string pidFile) =>
        new ServiceCheck(new HostPaths(RootFs: root.Path), HostCommands.Runner, new ServiceCheckOptions { PidFile = pidFile })
            .RunAsync(TestContext.Current.CancellationToken);

    /// <summary>A process in a procfs tree built by the test: its comm and its one-argument cmdline.</summary>
    private static async Task WriteProcess(TempDirectory proc, int pid, string comm, string argv0)
    {
        string dir = pid.ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(proc.PathOf($"{dir}/comm"), comm + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(proc.PathOf($"{dir}/cmdline"), argv0 + "\0", TestContext.Current.CancellationToken);
    }
}
