using SshExporter.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Web;

public class ConfigEndpointTests
{
    [Fact]
    public async Task The_running_config_is_served_as_yaml_that_loads_back_to_the_same_config()
    {
        using var sshd = new TempDirectory();
        // Names and values with what YAML treats specially: '#', ': ', quotes, a leading '['.
        string config = ExporterUnderTest.WriteConfig($$"""
            modules:
              "slow #1: 'wan'":
                timeout: 1m30s
                preferred_ip_protocol: ip6
                ip_protocol_fallback: false
                read_kexinit: false
            targets:
              - address: "[::1]:2222"
                module: "slow #1: 'wan'"
                labels: {env: "prod #eu", note: "it's \"a: b\"", empty: ""}
              - address: localhost:22
            sidecar:
              sshd_config: "{{sshd.Path}}/etc #ssh/sshd_config"
              systemd_unit: "sshd: main.service"
              extra_ports: [2222, 22]
              local_probe_module: "slow #1: 'wan'"
            """);
        var loaded = ConfigLoader.LoadFile(config);
        await using var exporter = await ExporterUnderTest.StartAsync(config);

        string served = await exporter.GetTextAsync("/config");
        var reloaded = ConfigLoader.Parse(served, "/config");

        Assert.StartsWith($"# loaded from {config}\n", served, StringComparison.Ordinal);
        Assert.Equal(loaded.Modules.OrderBy(m => m.Key, StringComparer.Ordinal), reloaded.Modules.OrderBy(m => m.Key, StringComparer.Ordinal));
        Assert.Equal(Describe(loaded.Targets), Describe(reloaded.Targets));
        Assert.Equal(loaded.Sidecar with { ExtraPorts = [] }, reloaded.Sidecar with { ExtraPorts = [] });
        Assert.Equal(loaded.Sidecar.ExtraPorts, reloaded.Sidecar.ExtraPorts);
        Assert.True(reloaded.Sidecar.Enabled);
    }

    [Fact]
    public async Task A_config_without_targets_or_sidecar_says_so()
    {
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig("modules: {quick: {timeout: 2s}}\n"));

        var reloaded = ConfigLoader.Parse(await exporter.GetTextAsync("/config"), "/config");

        Assert.Empty(reloaded.Targets);
        Assert.False(reloaded.Sidecar.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(2), reloaded.Modules["quick"].Timeout);
    }

    private static IEnumerable<string> Describe(IEnumerable<TargetConfig> targets) =>
        targets.Select(t => $"{t.Address} {t.Module} {string.Join(",", t.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}");
}
