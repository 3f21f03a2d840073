using System.Net;
using SshExporter.Sidecar.Listener;

namespace SshExporter.Tests.Sidecar.Listener;

public class ProcNetTcpParserTests
{
    [Theory]
    [InlineData("0100007F:0016", "127.0.0.1", 22)]
    [InlineData("00000000:07E8", "0.0.0.0", 2024)]
    [InlineData("0A0200C0:1F56", "192.0.2.10", 8022)]
    [InlineData("00000000000000000000000000000000:0016", "::", 22)]
    [InlineData("00000000000000000000000001000000:08AE", "::1", 2222)]
    [InlineData("0000000000000000FFFF00000100007F:0898", "::ffff:127.0.0.1", 2200)]
    [InlineData("B80D01200000A3852E8A000034737003:033E", "2001:db8:85a3::8a2e:370:7334", 830)]
    public void Endpoints_decode_per_32_bit_word_in_the_kernels_byte_order(string text, string address, int port)
    {
        ListenerSample.RequireLittleEndian();

        Assert.True(ProcNetTcpParser.TryParseEndpoint(text, out IPAddress? decoded, out int decodedPort));

        Assert.Equal(IPAddress.Parse(address), decoded);
        Assert.Equal(port, decodedPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0100007F")]
    [InlineData("0100007F:16")]
    [InlineData("0100007F:00016")]
    [InlineData("0100007:0016")]
    [InlineData("0100007G:0016")]
    [InlineData("0000000000000000FFFF00000100007F0:0016")]
    public void Malformed_endpoints_are_rejected(string text) =>
        Assert.False(ProcNetTcpParser.TryParseEndpoint(text, out _, out _));

    [Fact]
    public void A_v4_mapped_listener_is_loopback_but_not_a_wildcard()
    {
        ListenerSample.RequireLittleEndian();
        Assert.True(ProcNetTcpParser.TryParseEndpoint("0000000000000000FFFF00000100007F:0898", out IPAddress? address, out int port));

        var socket = new ListeningSocket(address, port, 1);

        Assert.True(address.IsIPv4MappedToIPv6);
        Assert.True(socket.IsLoopback);
        Assert.False(socket.IsWildcard);
        Assert.Equal("[::ffff:127.0.0.1]:2200", socket.ToString());
    }

    [Fact]
    public void A_listen_line_gives_address_port_state_and_inode()
    {
        ListenerSample.RequireLittleEndian();
        const string line = "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 984629 1 00000000f3cba3c4 100 0 0 10 0                    ";

        Assert.True(ProcNetTcpParser.TryParseLine(line, out ProcNetTcpLine entry));

        Assert.Equal(new ProcNetTcpLine(IPAddress.Any, 22, ProcNetTcpLine.ListenState, 984629), entry);
        Assert.True(entry.IsListen);
    }

    [Fact]
    public void A_time_wait_line_parses_but_is_not_a_listener()
    {
        const string line = "   7: 0100007F:DC8B 0100007F:D69E 06 00000000:00000000 03:00000C64 00000000     0        0 0 3 000000000941fbd4                                      ";

        Assert.True(ProcNetTcpParser.TryParseLine(line, out ProcNetTcpLine entry));

        Assert.Equal(6, entry.State);
        Assert.False(entry.IsListen);
    }

    [Theory]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")]
    [InlineData("")]
    [InlineData("   0: 0100007F:0016 00000000:0000 0A")]
    [InlineData("   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 -5 1")]
    public void The_header_and_truncated_lines_are_not_entries(string line) =>
        Assert.False(ProcNetTcpParser.TryParseLine(line, out _));

    [Fact]
    public void The_captured_ipv4_table_lists_its_three_listeners()
    {
        ListenerSample.RequireLittleEndian();
        using var reader = new StreamReader(ListenerSample.Table("1/net/tcp"));

        List<ListeningSocket> sockets = ProcNetTcpParser.ReadListening(reader);

        Assert.Equal(["127.0.0.1:2222 #984630", "0.0.0.0:22 #984629", "192.0.2.10:8022 #984631"], sockets.Select(Describe));
    }

    [Fact]
    public void The_captured_ipv6_table_lists_loopback_v4_mapped_wildcard_and_global_listeners()
    {
        ListenerSample.RequireLittleEndian();
        using var reader = new StreamReader(ListenerSample.Table("1/net/tcp6"));

        List<ListeningSocket> sockets = ProcNetTcpParser.ReadListening(reader);

        Assert.Equal(
            ["[::1]:2222 #984626", "[::ffff:127.0.0.1]:2200 #984627", "[::]:22 #984625", "[2001:db8:85a3::8a2e:370:7334]:830 #984628"],
            sockets.Select(Describe));
    }

    [Fact]
    public void A_line_printed_twice_while_sockets_change_counts_once()
    {
        const string line = "   2: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 462 1 000000004c927dce 100 0 0 10 0";

        List<ListeningSocket> sockets = ProcNetTcpParser.ReadListening(new StringReader($"{line}\n{line}\n"));

        Assert.Single(sockets);
    }

    private static string Describe(ListeningSocket socket) => $"{socket} #{socket.Inode}";
}
