using System.Text;
using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

public class SshIdentificationTests
{
    // The reader hands over lines with CR LF (or a bare LF) removed. Fixtures are written as strings and
    // turned into bytes with Latin-1, which maps each char to the byte of the same value: "\0" is 0x00,
    // "\u00e9" is 0xE9, "\u007f" is 0x7F.
    private static byte[] Bytes(string line) => Encoding.Latin1.GetBytes(line);

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", "2.0", "OpenSSH_9.2p1", "Debian-2+deb12u3")]
    [InlineData("SSH-2.0-OpenSSH_9.6", "2.0", "OpenSSH_9.6", "")]
    [InlineData("SSH-2.0-dropbear_2022.83", "2.0", "dropbear_2022.83", "")]
    [InlineData("SSH-2.0-OpenSSH_for_Windows_8.1", "2.0", "OpenSSH_for_Windows_8.1", "")]
    [InlineData("SSH-1.99-OpenSSH_3.9p1", "1.99", "OpenSSH_3.9p1", "")]
    [InlineData("SSH-1.5-OpenSSH_2.9", "1.5", "OpenSSH_2.9", "")]
    [InlineData("SSH-3.0-FutureSSH_1.0", "3.0", "FutureSSH_1.0", "")]
    // Cisco IOS puts a dash in the software version; the first dash after the protocol version splits.
    [InlineData("SSH-2.0-Cisco-1.25", "2.0", "Cisco-1.25", "")]
    [InlineData("SSH-2.0-x comments may hold  spaces and - dashes", "2.0", "x", "comments may hold  spaces and - dashes")]
    [InlineData("SSH-2.0-OpenSSH_9.6 ", "2.0", "OpenSSH_9.6", "")]
    public void A_valid_line_is_split_into_protocol_software_and_comments(string line, string protocol, string software, string comments)
    {
        Assert.True(SshIdentification.TryParse(Bytes(line), out var identification));

        Assert.Equal(new SshIdentification(protocol, software, comments), identification);
    }

    [Theory]
    [InlineData("2.0", true, false)]
    [InlineData("1.99", true, false)]
    [InlineData("1.5", false, true)]
    [InlineData("1.3", false, true)]
    [InlineData("1.0", false, true)]
    [InlineData("3.0", false, false)]
    [InlineData("2.1", false, false)]
    [InlineData("0.9", false, false)]
    public void The_protocol_version_tells_whether_the_server_speaks_SSH_2_or_only_SSH_1(string protocol, bool speaksSsh2, bool ssh1Only)
    {
        Assert.True(SshIdentification.TryParse(Bytes($"SSH-{protocol}-server_1.0"), out var identification));

        Assert.Equal(speaksSsh2, identification!.SpeaksSsh2);
        Assert.Equal(ssh1Only, identification.IsSsh1Only);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SSH-")]
    [InlineData("SSH-2.0")]
    [InlineData("SSH-2.0-")]
    [InlineData("SSH-2.0- comments but no software version")]
    [InlineData("SSH--OpenSSH_9.6")]
    [InlineData("SSH-2-OpenSSH_9.6")]
    [InlineData("SSH-2.-OpenSSH_9.6")]
    [InlineData("SSH-.0-OpenSSH_9.6")]
    [InlineData("SSH-2.0.1-OpenSSH_9.6")]
    [InlineData("SSH-v2.0-OpenSSH_9.6")]
    [InlineData("SSH-2.0a-OpenSSH_9.6")]
    [InlineData("ssh-2.0-OpenSSH_9.6")]
    [InlineData(" SSH-2.0-OpenSSH_9.6")]
    [InlineData("SSH2.0-OpenSSH_9.6")]
    [InlineData("HTTP/1.1 400 Bad Request")]
    [InlineData("220 mail.example.com ESMTP Postfix")]
    public void A_line_that_is_not_an_identification_is_rejected(string line)
    {
        Assert.False(SshIdentification.TryParse(Bytes(line), out var identification));
        Assert.Null(identification);
    }

    [Theory]
    [InlineData("SSH-2.0-Open\0SSH_9.6")]
    [InlineData("SSH-2.0-OpenSSH_9.6\0")]
    [InlineData("\0SSH-2.0-OpenSSH_9.6")]
    [InlineData("SSH-2.0-OpenSSH_9.6\tDebian-2")]
    [InlineData("SSH-2.0-OpenSSH_9.6\r")]
    [InlineData("SSH-2.0-OpenSSH_9.6\u001b[0m")]
    [InlineData("SSH-2.0-OpenSSH_9.6\u007f")]
    [InlineData("SSH-2.0-OpenSSH_9.6 Debian\u00e9")]
    [InlineData("SSH-2.0-OpenSSH_9.6 \u00ff")]
    [InlineData("SSH-2.0-OpenSSH_9.6 \u0080")]
    public void A_line_with_a_byte_outside_printable_ASCII_is_rejected(string line)
    {
        Assert.False(SshIdentification.TryParse(Bytes(line), out var identification));
        Assert.Null(identification);
    }

    [Fact]
    public void A_UTF_8_comment_is_rejected()
    {
        byte[] line = Encoding.UTF8.GetBytes("SSH-2.0-OpenSSH_9.6 Grüße");

        Assert.False(SshIdentification.TryParse(line, out _));
    }

    // 255 characters including CR LF (RFC 4253 §4.2) leaves 253 for the line the parser sees.
    [Theory]
    [InlineData(252, true)]
    [InlineData(253, true)]
    [InlineData(254, false)]
    [InlineData(255, false)]
    [InlineData(1024, false)]
    public void A_line_may_be_253_characters_long_without_its_line_ending(int length, bool accepted)
    {
        const string Start = "SSH-2.0-OpenSSH_9.6 ";
        string line = Start + new string('c', length - Start.Length);

        Assert.Equal(length, line.Length);
        Assert.Equal(accepted, SshIdentification.TryParse(Bytes(line), out _));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")]
    [InlineData("SSH-1.99-Cisco-1.25")]
    [InlineData("SSH-2.0-dropbear_2022.83")]
    public void ToString_gives_back_the_line_it_was_parsed_from(string line)
    {
        Assert.True(SshIdentification.TryParse(Bytes(line), out var identification));

        Assert.Equal(line, identification!.ToString());
    }

    [Fact]
    public void The_client_line_is_an_SSH_2_identification_ending_in_CR_LF()
    {
        byte[] line = SshIdentification.ClientLine("ssh_exporter_0.1.0");

        Assert.Equal("SSH-2.0-ssh_exporter_0.1.0\r\n"u8.ToArray(), line);
        Assert.True(SshIdentification.TryParse(line.AsSpan(0, line.Length - 2), out var identification));
        Assert.True(identification!.SpeaksSsh2);
    }
}
