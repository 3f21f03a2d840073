using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;
using SshExporter.Sidecar;
using SshExporter.Web;

namespace SshExporter.Tests.Web;

/// <summary>The startup line's account of what the exporter will do, from the loaded config and the flags.</summary>
public class StartupSummaryTests
{
    private static readonly SshProber Prober = ProbePipeline.CreateProber(TimeProvider.System, new SocketBudget(16));

    [Theory]
    [InlineData(false, 0, "prober")]
    [InlineData(false, 2, "prober")]
    [InlineData(true, 0, "sidecar")]
    [InlineData(true, 2, "both")]
    public void The_mode_says_whether_it_probes_configured_targets_checks_the_local_sshd_or_both(bool sidecar, int targets, string mode)
    {
        var summary = StartupSummary.Of(Config(sidecar, targets), new ExporterOptions(), ["http://127.0.0.1:9722"], Prober);

        Assert.Equal((mode, targets, 1), (summary.Mode, summary.Targets, summary.Modules));
        Assert.Equal(sidecar ? ["service", "config", "config_valid", "host_keys", "listener", "firewall", "local_probe"] : [], summary.SidecarChecks);
    }

    [Fact]
    public void Lifecycle_and_tls_follow_the_flag_and_the_listeners()
    {
        var plain = StartupSummary.Of(Config(false, 0), new ExporterOptions(), ["http://[::]:9722"], Prober);
        var locked = StartupSummary.Of(Config(false, 0), new ExporterOptions { EnableLifecycle = true }, ["https://[::]:9722"], Prober, basicAuth: true);

        Assert.Equal((false, false, false), (plain.Lifecycle, plain.Tls, plain.BasicAuth));
        Assert.Equal((true, true, true), (locked.Lifecycle, locked.Tls, locked.BasicAuth));
    }

    private static ExporterConfig Config(bool sidecar, int targets) => new(
        new Dictionary<string, ModuleSettings> { [ExporterConfig.DefaultModuleName] = new() },
        [.. Enumerable.Range(0, targets).Select(i => new TargetConfig(new TargetAddress($"host{i}.invalid", 22), ExporterConfig.DefaultModuleName, new Dictionary<string, string>()))],
        "test")
    {
        Sidecar = sidecar ? new SidecarSettings { Enabled = true } : SidecarSettings.Disabled,
    };
}
