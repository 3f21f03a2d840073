using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>One line split as servconf.c splits it; the expectations were checked against sshd -T.</summary>
public class ConfigLineSplitterTests
{
    [Theory]
    [InlineData("Port 22", "Port", "22")]
    [InlineData("Port=22", "Port", "22")]
    [InlineData("Port = 22", "Port", "22")]
    [InlineData("  Port\t22 \r", "Port", "22")]
    [InlineData("\"Port\" 22", "Port", "22")]
    [InlineData("Port 22 # a comment", "Port", "22")]
    [InlineData("Port \"22\"", "Port", "22")]
    [InlineData("HostKey \"/etc/ssh/a key\"", "HostKey", "/etc/ssh/a key")]
    [InlineData("HostKey '/etc/ssh/a key'", "HostKey", "/etc/ssh/a key")]
    [InlineData("HostKey /etc/ssh/a\\ key", "HostKey", "/etc/ssh/a key")]
    [InlineData("HostKey /etc/ssh/key#1", "HostKey", "/etc/ssh/key#1")]
    [InlineData("ListenAddress 127.0.0.1:\"2202\"", "ListenAddress", "127.0.0.1:2202")]
    [InlineData("Match User bob", "Match", "User|bob")]
    [InlineData("Include a.conf b.conf", "Include", "a.conf|b.conf")]
    public void Splits_a_directive_into_keyword_and_arguments(string line, string keyword, string arguments)
    {
        var directive = ConfigLineSplitter.Split(line, out string? error);

        Assert.Null(error);
        Assert.NotNull(directive);
        Assert.Equal(keyword, directive.Value.Keyword);
        Assert.Equal(arguments.Split('|'), directive.Value.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t")]
    [InlineData("# Port 2222")]
    [InlineData("   #Port 2222")]
    public void Blank_and_comment_lines_are_no_directive(string line)
    {
        Assert.Null(ConfigLineSplitter.Split(line, out string? error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("Port", "no argument after keyword \"Port\"")]
    [InlineData("Port=", "no argument after keyword \"Port\"")]
    [InlineData("Port \"22", "invalid quotes")]
    [InlineData("HostKey 'a", "invalid quotes")]
    public void A_line_sshd_rejects_says_why_in_sshds_words(string line, string expected)
    {
        Assert.Null(ConfigLineSplitter.Split(line, out string? error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_comment_after_the_keyword_leaves_no_arguments()
    {
        var directive = ConfigLineSplitter.Split("Port # nothing", out string? error);

        Assert.Null(error);
        Assert.Empty(directive!.Value.Arguments);
    }
}
