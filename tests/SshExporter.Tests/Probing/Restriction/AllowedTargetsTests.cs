using System.Net;
using SshExporter.Probing;
using SshExporter.Probing.Restriction;

namespace SshExporter.Tests.Probing.Restriction;

/// <summary>
/// The rules of <c>allowed_targets</c> on their own: each list one axis, absent allows anything, empty nothing;
/// a name must match hosts and dial inside networks when both are set; an IP address is never allowed by hosts.
/// </summary>
public class AllowedTargetsTests
{
    private static readonly AllowedTargets Both = new()
    {
        Networks = [Network("10.0.0.0/8"), Network("2001:db8::/32")],
        Hosts = [Pattern("*.example.com"), Pattern("bastion.example.org")],
        Ports = [22, 2222],
    };

    [Theory]
    [InlineData("db1.example.com:22", "10.1.2.3")]
    [InlineData("DB1.EXAMPLE.COM:2222", "10.1.2.3")]
    [InlineData("a.b.example.com:22", "2001:db8::7")]
    [InlineData("bastion.example.org:22", "10.0.0.1")]
    [InlineData("10.9.9.9:22", "10.9.9.9")]
    [InlineData("[2001:db8::1]:22", "2001:db8::1")]
    // An IPv4-mapped IPv6 address is the IPv4 address it maps.
    [InlineData("db1.example.com:22", "::ffff:10.1.2.3")]
    public void A_target_inside_every_list_is_allowed(string target, string dialled)
    {
        Both.EnsureAllows(Target(target));
        Both.EnsureAllows(IPAddress.Parse(dialled));
    }

    [Theory]
    [InlineData("db1.example.com:23", "port 23 is not in allowed_targets.ports")]
    [InlineData("example.com:22", "the name matches no pattern of allowed_targets.hosts")]
    [InlineData("db1.example.com.evil.test:22", "the name matches no pattern of allowed_targets.hosts")]
    [InlineData("db1-example.com:22", "the name matches no pattern of allowed_targets.hosts")]
    [InlineData("bastion.example.org.example.net:22", "the name matches no pattern of allowed_targets.hosts")]
    [InlineData("localhost:22", "the name matches no pattern of allowed_targets.hosts")]
    public void A_port_or_name_outside_the_lists_is_refused_before_any_lookup(string target, string rule)
    {
        var refusal = Assert.Throws<TargetRefusedException>(() => Both.EnsureAllows(Target(target)));

        Assert.Equal(rule, refusal.Rule);
    }

    // A name that matches hosts is still refused when DNS points it outside networks: both hold when both are set.
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("2001:db9::1")]
    public void An_address_to_dial_outside_networks_is_refused_whatever_the_name(string dialled)
    {
        Both.EnsureAllows(Target("db1.example.com:22"));

        var refusal = Assert.Throws<TargetRefusedException>(() => Both.EnsureAllows(IPAddress.Parse(dialled)));

        Assert.Equal("the address to dial is outside allowed_targets.networks", refusal.Rule);
    }

    [Fact]
    public void With_hosts_alone_an_IP_address_is_refused_and_any_address_of_a_listed_name_is_dialled()
    {
        var hostsOnly = new AllowedTargets { Hosts = [Pattern("*.example.com")] };

        var refusal = Assert.Throws<TargetRefusedException>(() => hostsOnly.EnsureAllows(Target("10.0.0.1:22")));

        Assert.Equal("an IP address is allowed only by allowed_targets.networks, and this module lists hosts alone", refusal.Rule);
        hostsOnly.EnsureAllows(Target("db1.example.com:22"));
        hostsOnly.EnsureAllows(IPAddress.Parse("127.0.0.1"));
    }

    [Fact]
    public void With_networks_alone_any_name_is_looked_up_and_its_address_decides()
    {
        var networksOnly = new AllowedTargets { Networks = [Network("127.0.0.2")] };

        networksOnly.EnsureAllows(Target("anything.invalid:2222"));
        networksOnly.EnsureAllows(IPAddress.Parse("127.0.0.2"));
        Assert.Throws<TargetRefusedException>(() => networksOnly.EnsureAllows(IPAddress.Parse("127.0.0.1")));
    }

    [Fact]
    public void An_empty_list_allows_nothing_on_its_axis()
    {
        Assert.Throws<TargetRefusedException>(() => new AllowedTargets { Ports = [] }.EnsureAllows(Target("db1:22")));
        Assert.Throws<TargetRefusedException>(() => new AllowedTargets { Hosts = [] }.EnsureAllows(Target("db1:22")));
        Assert.Throws<TargetRefusedException>(() => new AllowedTargets { Networks = [] }.EnsureAllows(IPAddress.Loopback));
        // hosts: [] with networks: IP addresses inside the networks only.
        var addressesOnly = new AllowedTargets { Hosts = [], Networks = [Network("127.0.0.0/8")] };
        addressesOnly.EnsureAllows(Target("127.0.0.1:22"));
        Assert.Throws<TargetRefusedException>(() => addressesOnly.EnsureAllows(Target("localhost:22")));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("192.0.2.7", "192.0.2.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8:0::/48", "2001:db8::/48")]
    [InlineData("::1", "::1/128")]
    [InlineData("::/0", "::/0")]
    public void A_network_is_a_CIDR_or_one_address(string text, string network)
    {
        Assert.True(TargetNetwork.TryParse(text, out var parsed, out string error), error);

        Assert.Equal(network, parsed.ToString());
    }

    [Theory]
    [InlineData("10.1.2.3/8", "'10.1.2.3/8' has bits set past its /8 prefix; write 10.0.0.0/8 for the network, or 10.1.2.3 alone for the address")]
    [InlineData("10/8", "'10/8' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address ('10' is IPv4 in an unusual form that means 0.0.0.10; write 0.0.0.10)")]
    [InlineData("127.1/32", "'127.1/32' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address ('127.1' is IPv4 in an unusual form that means 127.0.0.1; write 127.0.0.1)")]
    [InlineData("10.0.0.0/33", "'10.0.0.0/33': the prefix length must be a number from 0 to 32")]
    [InlineData("::/129", "'::/129': the prefix length must be a number from 0 to 128")]
    [InlineData("10.0.0.0/", "'10.0.0.0/': the prefix length must be a number from 0 to 32")]
    [InlineData("10.0.0.0/+8", "'10.0.0.0/+8': the prefix length must be a number from 0 to 32")]
    [InlineData("10.0.0.0/8/8", "'10.0.0.0/8/8': the prefix length must be a number from 0 to 32")]
    [InlineData("localhost", "'localhost' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address")]
    [InlineData("10.0.0.0:22/8", "'10.0.0.0:22/8' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address")]
    [InlineData("[::1]/128", "'[::1]/128' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address")]
    [InlineData("fe80::/10%eth0", "'fe80::/10%eth0': the prefix length must be a number from 0 to 128")]
    [InlineData("", "'' is not a network: write a CIDR (10.0.0.0/8, 2001:db8::/32) or one address")]
    public void A_network_that_is_not_exactly_a_CIDR_is_an_error(string text, string expected)
    {
        Assert.False(TargetNetwork.TryParse(text, out _, out string error));

        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("*", "'*' alone would allow every name; leave hosts out instead")]
    [InlineData("db*.example.com", "'db*.example.com' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("*example.com", "'*example.com' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("*.*.example.com", "'*.*.example.com' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("example.*", "'example.*' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("db1.example.com:22", "'db1.example.com:22' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("^db[0-9]+$", "'^db[0-9]+$' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("", "'' is not a host pattern: an exact name (db1.example.com) or *.suffix (*.example.com)")]
    [InlineData("10.0.0.1", "'10.0.0.1' is an address; addresses go under networks")]
    [InlineData("*.10.0.0.1", "'*.10.0.0.1' is an address; addresses go under networks")]
    public void A_host_pattern_is_an_exact_name_or_a_star_dot_suffix(string text, string expected)
    {
        Assert.False(HostPattern.TryParse(text, out _, out string error));

        Assert.Equal(expected, error);
    }

    private static TargetAddress Target(string text) =>
        TargetAddress.TryParse(text, out var target, out string error) ? target! : throw new ArgumentException(error);

    private static IPNetwork Network(string text) =>
        TargetNetwork.TryParse(text, out var network, out string error) ? network : throw new ArgumentException(error);

    private static HostPattern Pattern(string text) =>
        HostPattern.TryParse(text, out var pattern, out string error) ? pattern! : throw new ArgumentException(error);
}
