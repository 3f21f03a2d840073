using SshExporter.Sidecar.Service;

namespace SshExporter.Tests.Sidecar.Service;

/// <summary>Process titles as OpenSSH sets them (8.2+ titles its listener "[listener]"; children retitle themselves).</summary>
public class SshdProcessTests
{
    [Theory]
    [InlineData("sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups")]
    [InlineData("/usr/sbin/sshd", "-D")]
    [InlineData("sshd")]
    public void The_listening_sshd_is_recognised(params string[] argv) =>
        Assert.True(SshdProcess.IsListener(argv));

    [Theory]
    [InlineData("sshd: alice@pts/0")]
    [InlineData("sshd: alice [priv]")]
    [InlineData("sshd: unknown [preauth]")]
    [InlineData("/usr/sbin/sshd", "-i")]
    [InlineData("/usr/sbin/sshd", "-D", "-e", "-f", "sshd_config", "-R")]
    public void Sshd_processes_serving_one_connection_are_not_listeners(params string[] argv) =>
        Assert.False(SshdProcess.IsListener(argv));

    [Fact]
    public void No_command_line_is_no_listener() => Assert.False(SshdProcess.IsListener([]));

    [Theory]
    [InlineData("sshd", "", true)]
    [InlineData("ssh-daemon", "sshd: /usr/sbin/ssh-daemon -D [listener] 0 of 10-100 startups", true)]
    [InlineData("sshd-session", "sshd-session: alice [priv]", false)]
    [InlineData("bash", "bash", false)]
    public void Sshd_is_recognised_by_comm_or_by_its_command_line(string comm, string argv0, bool isSshd) =>
        Assert.Equal(isSshd, SshdProcess.IsSshd(comm, [argv0]));
}
