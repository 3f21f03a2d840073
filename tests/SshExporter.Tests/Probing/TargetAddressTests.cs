using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

public class TargetAddressTests
{
    [Theory]
    [InlineData("db1.example.com:2222", "db1.example.com", 2222, "db1.example.com:2222")]
    [InlineData("db1.example.com", "db1.example.com", 22, "db1.example.com:22")]
    [InlineData("localhost:22", "localhost", 22, "localhost:22")]
    [InlineData("192.0.2.10:22", "192.0.2.10", 22, "192.0.2.10:22")]
    [InlineData("192.0.2.10", "192.0.2.10", 22, "192.0.2.10:22")]
    [InlineData("[2001:db8::1]:2222", "2001:db8::1", 2222, "[2001:db8::1]:2222")]
    [InlineData("[::1]", "::1", 22, "[::1]:22")]
    [InlineData("::1", "::1", 22, "[::1]:22")]
    // Without brackets every colon belongs to the IPv6 literal: this is port 22, not port 22 of 2001:db8::1.
    [InlineData("2001:db8::1:22", "2001:db8::1:22", 22, "[2001:db8::1:22]:22")]
    [InlineData("host_with_underscore.example.com:22", "host_with_underscore.example.com", 22, "host_with_underscore.example.com:22")]
    [InlineData("h:1", "h", 1, "h:1")]
    [InlineData("h:65535", "h", 65535, "h:65535")]
    [InlineData("h:0022", "h", 22, "h:22")]
    public void A_valid_target_is_split_into_host_and_port(string input, string host, int port, string canonical)
    {
        Assert.True(TargetAddress.TryParse(input, out var target, out string error), error);

        Assert.Equal(new TargetAddress(host, port), target);
        Assert.Equal(canonical, target!.ToString());
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData(null, "target is empty; expected host:port")]
    [InlineData("", "target is empty; expected host:port")]
    [InlineData("db1 example.com:22", "target contains control or whitespace characters")]
    [InlineData("db1.example.com:22\n", "target contains control or whitespace characters")]
    [InlineData("db1.example.com\t:22", "target contains control or whitespace characters")]
    [InlineData("db1.example.com:\u000722", "target contains control or whitespace characters")]
    [InlineData("db1.example.com\u00a0:22", "target contains control or whitespace characters")]
    [InlineData("db1.example.com:0", "port 0 is outside 1-65535")]
    [InlineData("db1.example.com:65536", "port 65536 is outside 1-65535")]
    [InlineData("db1.example.com:70000", "port 70000 is outside 1-65535")]
    [InlineData("db1.example.com:123456", "port 123456 is outside 1-65535")]
    [InlineData("db1.example.com:99999999999999999999", "port 99999999999999999999 is outside 1-65535")]
    [InlineData("db1.example.com:", "port '' is not a number")]
    [InlineData("db1.example.com:ssh", "port 'ssh' is not a number")]
    [InlineData("db1.example.com:-1", "port '-1' is not a number")]
    [InlineData("db1.example.com:+22", "port '+22' is not a number")]
    [InlineData("db1.example.com:22/tcp", "port '22/tcp' is not a number")]
    [InlineData("https://db1.example.com", "'https://db1.example.com' is a URL; expected host:port")]
    [InlineData("ssh://db1.example.com:22", "'ssh://db1.example.com:22' is a URL; expected host:port")]
    [InlineData("[2001:db8::1:22", "missing ']' after an IPv6 address")]
    [InlineData("[2001:db8::1]22", "expected ':port' after ']'")]
    [InlineData("[2001:db8::1]:", "port '' is not a number")]
    [InlineData("[2001:db8::1]:0", "port 0 is outside 1-65535")]
    [InlineData("[]:22", "'' is not a valid host name or IP address")]
    [InlineData(":22", "'' is not a valid host name or IP address")]
    [InlineData("root@db1.example.com:22", "'root@db1.example.com' is not a valid host name or IP address")]
    [InlineData("db1..example.com", "'db1..example.com' is not a valid host name or IP address")]
    [InlineData("-db1.example.com", "'-db1.example.com' is not a valid host name or IP address")]
    [InlineData("db1-.example.com", "'db1-.example.com' is not a valid host name or IP address")]
    [InlineData("bücher.example", "'bücher.example' is not a valid host name or IP address")]
    [InlineData("1:2:3", "'1:2:3' is not a valid host name or IP address")]
    [InlineData("db1:22:22", "'db1:22:22' is not a valid host name or IP address")]
    public void An_invalid_target_is_rejected_with_a_one_line_reason(string? input, string expected)
    {
        Assert.False(TargetAddress.TryParse(input, out var target, out string error));

        Assert.Null(target);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public void A_host_label_may_be_63_characters_long(int length, bool accepted)
    {
        string host = new string('a', length) + ".example.com";

        Assert.Equal(accepted, TargetAddress.TryParse(host, out _, out _));
    }

    [Theory]
    [InlineData(253, true)]
    [InlineData(254, false)]
    public void A_host_name_may_be_253_characters_long(int length, bool accepted)
    {
        // Labels of 49 characters and dots, cut to the length wanted (the last label stays non-empty).
        string host = string.Join('.', Enumerable.Repeat(new string('a', 49), 6))[..length];

        Assert.Equal(length, host.Length);
        Assert.Equal(accepted, TargetAddress.TryParse(host, out _, out _));
    }
}
