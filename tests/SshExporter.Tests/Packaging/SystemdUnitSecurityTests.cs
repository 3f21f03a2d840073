using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// systemd's own score of each unit's sandbox (<c>systemd-analyze security --offline=yes</c>: 0 is best, 10 worst;
/// <c>--threshold</c> counts in tenths), held at what the units reach with Debian 12's systemd 252, so that a setting
/// loosened fails here. Lower a threshold when a unit gets tighter.
/// </summary>
[NeedsTool("systemd-analyze")]
public class SystemdUnitSecurityTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    // What systemd counts against every unit, and why it stays: the network (PrivateNetwork=, IPAddressDeny=,
    // AF_INET and AF_INET6) is the job; AF_UNIX carries READY=1; MemoryDenyWriteExecute= kills .NET's JIT;
    // SystemCallFilter=~@resources lets the runtime start only with sched_setaffinity allowed again; RootDirectory=
    // would need a copy of the runtime; DeviceAllow= counts the char-rtc:r that ProtectClock= itself adds.
    // The sidecar adds CAP_DAC_READ_SEARCH as an ambient capability (sshd's private host keys, `sshd -t`) and has
    // neither ProtectProc=, ProcSubset= nor PrivateUsers= (sshd's /proc/PID, /proc/net/tcp, the host's files).
    // firewall.conf adds CAP_NET_ADMIN, CAP_NET_RAW and AF_NETLINK; listener-process.conf adds CAP_SYS_PTRACE.
    [Theory]
    [InlineData("ssh-exporter.service", 12)]
    [InlineData("ssh-exporter-sidecar.service", 18)]
    [InlineData("ssh-exporter-sidecar.service", 21, "firewall.conf")]
    [InlineData("ssh-exporter-sidecar.service", 24, "firewall.conf", "listener-process.conf")]
    public async Task The_unit_with_its_drop_ins_scores_no_worse_than_its_threshold(string unit, int threshold, params string[] dropIns)
    {
        Requires.Tool("systemd-analyze");
        // A directory of its own: offline, systemd-analyze reads the drop-ins beside the unit file, and only those.
        using var directory = new TempDirectory();
        File.Copy(RepositoryRoot.Combine($"examples/systemd/{unit}"), directory.PathOf(unit));
        foreach (string dropIn in dropIns)
        {
            File.Copy(RepositoryRoot.Combine($"examples/systemd/{unit}.d/{dropIn}"), directory.PathOf($"{unit}.d/{dropIn}"));
        }

        var result = await ExternalCommand.RunAsync(
            "systemd-analyze", ["security", "--offline=yes", $"--threshold={threshold}", directory.PathOf(unit)], Limit, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, $"{unit} with [{string.Join(", ", dropIns)}] scores worse than {threshold / 10.0:0.0}: {result}");
    }
}
