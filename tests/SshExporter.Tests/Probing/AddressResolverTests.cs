using System.Net;
using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

public class AddressResolverTests
{
    // Resolved addresses in resolver order, comma-separated; expected null means "no usable address".
    [Theory]
    [InlineData("192.0.2.1,2001:db8::1", IpProtocol.Ip4, true, "192.0.2.1")]
    [InlineData("2001:db8::1,192.0.2.1", IpProtocol.Ip4, true, "192.0.2.1")]
    [InlineData("2001:db8::1,192.0.2.1", IpProtocol.Ip4, false, "192.0.2.1")]
    [InlineData("192.0.2.1,2001:db8::1", IpProtocol.Ip6, true, "2001:db8::1")]
    [InlineData("192.0.2.1,2001:db8::1", IpProtocol.Ip6, false, "2001:db8::1")]
    [InlineData("192.0.2.1,192.0.2.2", IpProtocol.Ip4, false, "192.0.2.1")]
    [InlineData("2001:db8::2,2001:db8::1", IpProtocol.Ip6, false, "2001:db8::2")]
    [InlineData("192.0.2.1", IpProtocol.Ip6, true, "192.0.2.1")]
    [InlineData("2001:db8::1", IpProtocol.Ip4, true, "2001:db8::1")]
    [InlineData("192.0.2.1", IpProtocol.Ip6, false, null)]
    [InlineData("2001:db8::1", IpProtocol.Ip4, false, null)]
    [InlineData("", IpProtocol.Ip4, true, null)]
    [InlineData("", IpProtocol.Ip6, true, null)]
    public void The_preferred_family_wins_and_the_other_one_is_used_only_with_fallback(string resolved, IpProtocol preferred, bool fallback, string? expected)
    {
        IPAddress[] addresses = resolved.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse).ToArray();

        var chosen = AddressResolver.Choose(addresses, preferred, fallback);

        Assert.Equal(expected, chosen?.ToString());
    }

    // A literal names its family itself: it is dialled as written, without DNS and whatever the module prefers.
    [Theory]
    [InlineData("192.0.2.1", IpProtocol.Ip6)]
    [InlineData("2001:db8::1", IpProtocol.Ip4)]
    public async Task An_IP_literal_is_used_as_it_is(string literal, IpProtocol preferred)
    {
        var module = new ModuleSettings { PreferredIpProtocol = preferred, IpProtocolFallback = false };

        var address = await AddressResolver.ResolveAsync(literal, module, trace: null, TestContext.Current.CancellationToken);

        Assert.Equal(IPAddress.Parse(literal), address);
    }
}
