using System.Globalization;
using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Commands;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar;

/// <summary>The collector's deadline on a clock the test moves: a hung tool is stopped without the test waiting for it.</summary>
public class SidecarCollectorTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_check_still_running_at_the_deadline_could_not_look_took_the_whole_budget_and_its_tool_is_stopped()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = new TempDirectory();
        string pidFile = tree.PathOf("sshd.pid");
        string hung = tree.WriteExecutable("sshd", $"#!/bin/sh\necho $$ > {pidFile}\nexec sleep 60\n");
        var settings = new SidecarSettings { Enabled = true, SshdConfig = tree.Write("sshd_config", $"Port {ClosedPort.Find()}\n"), SshdBinary = hung };
        var time = new FakeTimeProvider();
        var collector = new SidecarCollector(time, new SshProber(time, "test"), new ProcessCommandRunner(time, ProcessCommandRunner.DefaultTimeout));

        var collecting = collector.CollectAsync(settings, new ModuleSettings(), Budget, ct);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(File.Exists(pidFile)), TimeSpan.FromSeconds(10), ct), "the hung sshd never started");
        time.Advance(Budget);
        var report = await collecting;

        var validity = Assert.Single(report.Checks, c => c.Check == SidecarChecks.ConfigValid);
        Assert.Equal(CheckStatus.CouldNotRun("did not finish within 2s"), validity.Result.Status);
        Assert.Equal(Budget, validity.Duration);
        var samples = await WriteAsync(report);
        Assert.Equal(0, Assert.Single(samples, s => s.Name == "sshd_check_success" && s.Label("check") == SidecarChecks.ConfigValid).Value);
        Assert.DoesNotContain(samples, s => s.Name == "sshd_config_valid");
        int pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(!IsRunning(pid)), TimeSpan.FromSeconds(10), ct), "the hung sshd was left running");
    }

    [Fact]
    public async Task Checks_that_read_the_config_see_its_ports_and_every_check_reports_once_in_registration_order()
    {
        using var tree = new TempDirectory();
        int port = ClosedPort.Find();
        var settings = new SidecarSettings { Enabled = true, SshdConfig = tree.Write("sshd_config", $"Port {port}\n"), ExtraPorts = [port] };
        var time = new FakeTimeProvider();
        var collector = new SidecarCollector(time, new SshProber(time, "test"), new ProcessCommandRunner(time, ProcessCommandRunner.DefaultTimeout));

        var report = await collector.CollectAsync(settings, new ModuleSettings(), Budget, TestContext.Current.CancellationToken);

        Assert.Equal(
            [SidecarChecks.Service, SidecarChecks.Config, SidecarChecks.ConfigValid, SidecarChecks.HostKeys, SidecarChecks.Listener, SidecarChecks.Firewall, SidecarChecks.LocalProbe],
            report.Checks.Select(c => c.Check));
        Assert.Equal([port], report.Get<ConfigResult>()!.WatchedPorts);
        Assert.Equal([port], report.Get<ListenerResult>()!.Report.Ports.Select(p => p.Port));
        Assert.Equal(ProbeOutcome.Refused, Assert.Single(report.Get<LocalProbeResult>()!.Probes).Result.Outcome);
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<Sample>> WriteAsync(SidecarReport report)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new SidecarMetricsWriter(registry).Write(report);
        return await ExpositionText.SamplesAsync(registry);
    }
}
