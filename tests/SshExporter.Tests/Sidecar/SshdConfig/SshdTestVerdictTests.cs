using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>How sshd -t's exit code and words become valid, invalid or "could not look"; the lines are sshd 9.x's own.</summary>
public class SshdTestVerdictTests
{
    [Fact]
    public void Exit_zero_is_valid()
    {
        var validity = SshdTestVerdict.From(0, "", "", privileged: true);

        Assert.True(validity.Valid);
        Assert.True(validity.Status.CouldRun);
        Assert.Null(validity.FirstErrorLine);
        Assert.Equal("", validity.Status.Detail);
    }

    [Fact]
    public void A_failure_is_invalid_with_the_first_non_empty_line()
    {
        var validity = SshdTestVerdict.From(255, "\n  \n/etc/ssh/sshd_config: line 3: Bad configuration option: Foo\n/etc/ssh/sshd_config: terminating, 1 bad configuration options\n", "", privileged: true);

        Assert.False(validity.Valid);
        Assert.True(validity.Status.CouldRun);
        Assert.Equal("/etc/ssh/sshd_config: line 3: Bad configuration option: Foo", validity.FirstErrorLine);
    }

    [Fact]
    public void A_silent_failure_says_the_exit_code()
    {
        Assert.Equal("sshd -t exited with code 1 and said nothing", SshdTestVerdict.From(1, "", "", privileged: true).FirstErrorLine);
    }

    [Fact]
    public void Host_keys_that_do_not_load_are_a_fault_as_root_and_could_not_look_without_root()
    {
        const string Line = "Unable to load host key: /etc/ssh/ssh_host_ed25519_key";
        string output = $"{Line}\nsshd: no hostkeys available -- exiting.\n";

        var asRoot = SshdTestVerdict.From(1, output, "", privileged: true);
        var asUser = SshdTestVerdict.From(1, output, "", privileged: false);

        Assert.True(asRoot.Status.CouldRun);
        Assert.False(asRoot.Valid);
        Assert.False(asUser.Status.CouldRun);
        Assert.Equal(Line, asUser.FirstErrorLine);
    }

    [Fact]
    public void A_syntax_error_without_root_is_still_a_fault()
    {
        var validity = SshdTestVerdict.From(255, "/etc/ssh/sshd_config line 2: Badly formatted port number.\n", "", privileged: false);

        Assert.True(validity.Status.CouldRun);
        Assert.False(validity.Valid);
    }
}
