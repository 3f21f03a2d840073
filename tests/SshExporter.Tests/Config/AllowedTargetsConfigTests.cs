using SshExporter.Config;

namespace SshExporter.Tests.Config;

/// <summary>
/// A module's <c>allowed_targets:</c> section: what it reads into, each error with its position or key path, and
/// <c>/config</c> writing it back as it reads.
/// </summary>
public class AllowedTargetsConfigTests
{
    private static string Module(string section) => $"modules:\n  locked:\n    allowed_targets:\n{section}";

    [Fact]
    public void Networks_hosts_and_ports_are_read_as_written()
    {
        var config = ConfigLoader.Parse(
            Module("      networks: [10.0.0.0/8, 192.0.2.7, '2001:db8::/32']\n      hosts: ['*.example.com', Bastion.Example.org]\n      ports: [22, 2222]\n"),
            "test.yml");

        var allowed = config.Modules["locked"].AllowedTargets!;
        Assert.Equal(["10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32"], allowed.Networks!.Select(n => n.ToString()));
        Assert.Equal(["*.example.com", "Bastion.Example.org"], allowed.Hosts!.Select(h => h.Text));
        Assert.Equal([22, 2222], allowed.Ports);
        Assert.Null(config.Modules["default"].AllowedTargets);
    }

    [Fact]
    public void A_list_left_out_allows_anything_and_an_empty_one_nothing()
    {
        var config = ConfigLoader.Parse(Module("      networks: []\n"), "test.yml");

        var allowed = config.Modules["locked"].AllowedTargets!;
        Assert.Empty(allowed.Networks!);
        Assert.Null(allowed.Hosts);
        Assert.Null(allowed.Ports);
    }

    [Theory]
    [InlineData("      networks: [10.1.2.3/8]\n", "test.yml:4:18: '10.1.2.3/8' has bits set past its /8 prefix; write 10.0.0.0/8 for the network, or 10.1.2.3 alone for the address")]
    [InlineData("      networks: [10.0.0.0/33]\n", "test.yml:4:18: '10.0.0.0/33': the prefix length must be a number from 0 to 32")]
    [InlineData("      networks: [127.1]\n", "test.yml:4:18: '127.1' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address ('127.1' is IPv4 in an unusual form that means 127.0.0.1; write 127.0.0.1)")]
    [InlineData("      networks: [intranet]\n", "test.yml:4:18: 'intranet' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address")]
    [InlineData("      hosts: ['db*.example.com']\n", "test.yml:4:15: 'db*.example.com' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("      hosts: ['*']\n", "test.yml:4:15: '*' alone would allow every name; leave hosts out instead")]
    [InlineData("      hosts: [10.0.0.1]\n", "test.yml:4:15: '10.0.0.1' is an address; addresses go under networks")]
    [InlineData("      hosts: ['']\n", "test.yml:4:15: '' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("      ports: [22, 70000]\n", "test.yml: modules.locked.allowed_targets.ports: port 70000 is outside 1-65535")]
    [InlineData("      ports: [0]\n", "test.yml: modules.locked.allowed_targets.ports: port 0 is outside 1-65535")]
    [InlineData("      networks:\n", "test.yml: modules.locked.allowed_targets.networks: has no value; write [] to allow none, or leave networks out to allow any")]
    [InlineData("      hosts: ~\n      ports: [22]\n", "test.yml: modules.locked.allowed_targets.hosts: has no value; write [] to allow none, or leave hosts out to allow any")]
    [InlineData("      {}\n", "test.yml: modules.locked.allowed_targets: is empty; list networks, hosts or ports, or leave allowed_targets out to allow any target")]
    [InlineData("", "test.yml: modules.locked.allowed_targets: is empty; list networks, hosts or ports, or leave allowed_targets out to allow any target")]
    [InlineData("      network: [10.0.0.0/8]\n", "test.yml:4:7: unknown key 'network'")]
    public void An_invalid_restriction_is_rejected_with_its_exact_message(string section, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Module(section), "test.yml"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void The_written_config_reads_back_to_the_same_restriction()
    {
        var config = ConfigLoader.Parse(
            Module("      networks: ['2001:db8::/32', 127.0.0.2]\n      hosts: ['*.example.com']\n      ports: []\n"), "test.yml");

        string written = ConfigYaml.Write(config);
        var again = ConfigLoader.Parse(written, "written.yml");

        Assert.Contains("allowed_targets:", written, StringComparison.Ordinal);
        Assert.Equal(config.Modules["locked"].AllowedTargets!.Networks, again.Modules["locked"].AllowedTargets!.Networks);
        Assert.Equal(["*.example.com"], again.Modules["locked"].AllowedTargets!.Hosts!.Select(h => h.Text));
        Assert.Empty(again.Modules["locked"].AllowedTargets!.Ports!);
        Assert.Equal(written, ConfigYaml.Write(again).Replace("written.yml", "test.yml", StringComparison.Ordinal));
    }
}
