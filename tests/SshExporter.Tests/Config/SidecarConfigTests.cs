using SshExporter.Config;

namespace SshExporter.Tests.Config;

public class SidecarConfigTests
{
    [Fact]
    public void The_sidecar_is_off_unless_the_file_has_a_sidecar_section()
    {
        var config = ConfigLoader.Parse("targets: []\n", "test.yml");

        Assert.False(config.Sidecar.Enabled);
    }

    [Fact]
    public void A_sidecar_section_turns_it_on_with_the_host_defaults()
    {
        var sidecar = ConfigLoader.Parse("sidecar: {}\n", "test.yml").Sidecar;

        Assert.True(sidecar.Enabled);
        Assert.Equal("/etc/ssh/sshd_config", sidecar.SshdConfig);
        Assert.Equal("/proc", sidecar.ProcFs);
        Assert.Equal("/", sidecar.RootFs);
        Assert.Empty(sidecar.ExtraPorts);
    }

    [Fact]
    public void Every_setting_of_the_section_is_read()
    {
        var sidecar = ConfigLoader.Parse("""
            modules:
              local: {timeout: 1s}
            sidecar:
              enabled: true
              sshd_config: /etc/ssh/custom_config
              sshd_binary: /usr/local/sbin/sshd
              rootfs: /host
              procfs: /host/proc
              systemd_unit: openssh-server.service
              extra_ports: [2222, 2200]
              local_probe_module: local
              show_sshd_log: true
            """, "test.yml").Sidecar;

        Assert.Equal("/etc/ssh/custom_config", sidecar.SshdConfig);
        Assert.Equal("/usr/local/sbin/sshd", sidecar.SshdBinary);
        Assert.Equal("/host/etc/ssh/custom_config", sidecar.Paths.Resolve(sidecar.SshdConfig));
        Assert.Equal("/host/proc/net/tcp", sidecar.Paths.Proc("net/tcp"));
        Assert.Equal("openssh-server.service", sidecar.SystemdUnit);
        Assert.Equal([2222, 2200], sidecar.ExtraPorts);
        Assert.Equal("local", sidecar.LocalProbeModule);
        Assert.True(sidecar.ShowSshdLog);
    }

    [Fact]
    public void Sshds_log_lines_are_not_shown_unless_the_section_asks_for_them()
    {
        Assert.False(ConfigLoader.Parse("sidecar: {}\n", "test.yml").Sidecar.ShowSshdLog);
        Assert.False(ConfigLoader.LoadEmbeddedDefault().Sidecar.ShowSshdLog);
    }

    [Theory]
    [InlineData("sidecar: {extra_ports: [0]}\n", "test.yml: sidecar.extra_ports: port 0 is outside 1-65535")]
    [InlineData("sidecar: {rootfs: host}\n", "test.yml: sidecar.rootfs: 'host' must be an absolute path")]
    [InlineData("sidecar: {local_probe_module: nope}\n", "test.yml: sidecar.local_probe_module: module 'nope' is not defined under modules")]
    [InlineData("sidecar: {show_sshd_log: maybe}\n", "test.yml:1:26: 'maybe' is not a boolean (true or false)")]
    public void Bad_sidecar_settings_are_rejected_with_the_key(string yaml, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "test.yml"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_embedded_default_checks_sshd_only_where_this_machine_has_one()
    {
        var config = ConfigLoader.LoadEmbeddedDefault();

        Assert.Equal(File.Exists("/etc/ssh/sshd_config"), config.Sidecar.Enabled);
    }
}
