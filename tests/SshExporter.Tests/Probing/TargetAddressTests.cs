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
    [InlineData("[::ffff:192.0.2.10]:22", "::ffff:192.0.2.10", 22, "[::ffff:192.0.2.10]:22")]
    [InlineData("0.0.0.0:22", "0.0.0.0", 22, "0.0.0.0:22")]
    [InlineData("255.255.255.255", "255.255.255.255", 22, "255.255.255.255:22")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example", 22, "xn--bcher-kva.example:22")]
    [InlineData("DB1.Example.COM", "DB1.Example.COM", 22, "DB1.Example.COM:22")]
    [InlineData("1e100.net", "1e100.net", 22, "1e100.net:22")]
    [InlineData("db1.0xample", "db1.0xample", 22, "db1.0xample:22")]
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
    [InlineData("[]:22", "'' is not an IPv6 address; brackets are only for IPv6")]
    [InlineData(":22", "'' is not a valid host name or IP address")]
    [InlineData("root@db1.example.com:22", "'root@db1.example.com' is not a valid host name or IP address")]
    [InlineData("db1..example.com", "'db1..example.com' is not a valid host name or IP address")]
    [InlineData("-db1.example.com", "'-db1.example.com' is not a valid host name or IP address")]
    [InlineData("db1-.example.com", "'db1-.example.com' is not a valid host name or IP address")]
    [InlineData("bücher.example", @"'b\u00fccher.example' is not ASCII; write an internationalised name in its xn-- (IDNA) form")]
    [InlineData("1:2:3", "'1:2:3' has more than one ':'; an IPv6 address goes in brackets, as in [2001:db8::1]:22")]
    [InlineData("db1:22:22", "'db1:22:22' has more than one ':'; an IPv6 address goes in brackets, as in [2001:db8::1]:22")]
    // Without brackets ::1:2500 is both port 2500 of ::1 and the address ::0.1.37.0: neither reading is guessed.
    [InlineData("::1:2500", "'::1:2500' is ambiguous: write [::1]:2500 for port 2500 of ::1, or [::1:2500] for that address on port 22")]
    [InlineData("2001:db8::1:22", "'2001:db8::1:22' is ambiguous: write [2001:db8::1]:22 for port 22 of 2001:db8::1, or [2001:db8::1:22] for that address on port 22")]
    [InlineData("2001:db8::1:8080", "'2001:db8::1:8080' is ambiguous: write [2001:db8::1]:8080 for port 8080 of 2001:db8::1, or [2001:db8::1:8080] for that address on port 22")]
    [InlineData("2001:db8::1:22222", "an IPv6 address goes in brackets: write [2001:db8::1]:22222")]
    [InlineData("::1", "an IPv6 address goes in brackets: write [::1] or [::1]:PORT")]
    [InlineData("2001:db8::1", "an IPv6 address goes in brackets: write [2001:db8::1] or [2001:db8::1]:PORT")]
    [InlineData("fe80::1%eth0", "'fe80::1%eth0' has more than one ':'; an IPv6 address goes in brackets, as in [2001:db8::1]:22")]
    [InlineData("[fe80::1%eth0]:22", "IPv6 zone ids (%eth0) are not supported")]
    [InlineData("[fe80::1%2]", "IPv6 zone ids (%eth0) are not supported")]
    [InlineData("[::1%]", "IPv6 zone ids (%eth0) are not supported")]
    [InlineData("[192.0.2.10]:22", "'192.0.2.10' is not an IPv6 address; brackets are only for IPv6")]
    [InlineData("[localhost]:22", "'localhost' is not an IPv6 address; brackets are only for IPv6")]
    [InlineData("[[::1]", "'[::1' is not an IPv6 address; brackets are only for IPv6")]
    [InlineData("[::ffff:127.1]", "'::ffff:127.1' is not an IPv6 address; brackets are only for IPv6")]
    [InlineData("[::ffff:127.000.000.001]", "'::ffff:127.000.000.001' is not an IPv6 address; brackets are only for IPv6")]
    [InlineData("[::1/128]", "'::1/128' is not an IPv6 address; brackets are only for IPv6")]
    [InlineData("localhost.:22", "'localhost.' ends in a dot; write the name without it")]
    [InlineData("127.0.0.1.", "'127.0.0.1.' ends in a dot; write the name without it")]
    [InlineData(".", "'.' is not a valid host name or IP address")]
    [InlineData(".example.com", "'.example.com' is not a valid host name or IP address")]
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

    // inet_aton and IPAddress.TryParse read all of these as an address; the parser names it and takes only its dotted quad.
    [Theory]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7f.1", "127.0.0.1")]
    [InlineData("0X7F000001", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("127.0.1", "127.0.0.1")]
    [InlineData("127.000.000.001", "127.0.0.1")]
    [InlineData("010.0.0.1", "8.0.0.1")]
    [InlineData("192.0.2.010", "192.0.2.8")]
    [InlineData("1.0x10.1", "1.16.0.1")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("22", "0.0.0.22")]
    [InlineData("4294967295", "255.255.255.255")]
    public void An_IPv4_address_in_an_unusual_form_is_refused_with_the_dotted_quad_it_means(string host, string meaning)
    {
        Assert.False(TargetAddress.TryParse($"{host}:22", out var target, out string error));

        Assert.Null(target);
        Assert.Equal($"'{host}' is IPv4 in an unusual form that means {meaning}; write {meaning}", error);
        // The meaning named is the one the resolver would have dialled.
        Assert.Equal(System.Net.IPAddress.Parse(meaning), System.Net.IPAddress.Parse(host));
    }

    [Theory]
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("4294967296")]
    [InlineData("08.0.0.1")]
    [InlineData("0x.1")]
    [InlineData("0xg.1")]
    [InlineData("1..1")]
    [InlineData("db1.example.123")]
    [InlineData("db1.0x1f")]
    [InlineData("127.0.0.256")]
    public void A_host_that_ends_in_a_number_but_is_no_IPv4_address_is_refused(string host)
    {
        Assert.False(TargetAddress.TryParse(host, out _, out string error));

        Assert.Equal($"'{host}' is not a valid IPv4 address (and a host name cannot end in a number)", error);
    }

    [Fact]
    public void An_error_quotes_at_most_a_short_escaped_excerpt_of_the_input()
    {
        string[] inputs =
        [
            new string('a', 10_000) + ":22",
            "db1:" + new string('9', 10_000),
            "db1:" + new string('x', 10_000),
            "ssh://" + new string('a', 10_000),
            "[" + new string(':', 10_000) + "]",
            new string('a', 100) + "!.example.com",
            new string('\u00e9', 100) + ".example",
            new string('1', 200),
        ];

        Assert.All(inputs, input =>
        {
            Assert.False(TargetAddress.TryParse(input, out _, out string error));
            Assert.InRange(error.Length, 1, 200);
            Assert.All(error, c => Assert.InRange(c, ' ', '~'));
        });
    }
}
