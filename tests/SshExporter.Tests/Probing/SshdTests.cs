using System.Text.RegularExpressions;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>
/// A real OpenSSH server, Debian's and the one built from Debian 13's source: the probe reads its identification
/// and leaves no error in its log.
/// </summary>
[NeedsSshd]
public class SshdTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(5);
    private const string ClosedByProbe = "Connection closed by 127.0.0.1";

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task Probing_OpenSSH_is_a_success_with_protocol_2_0_and_OpenSSH_software(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], TestContext.Current.CancellationToken);

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal("2.0", result.Identification?.ProtocolVersion);
        Assert.StartsWith("OpenSSH_", result.Identification?.SoftwareVersion, StringComparison.Ordinal);
        Assert.Equal(4, result.IpProtocol);
    }

    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task After_a_probe_sshd_logs_a_plain_connection_close_and_no_banner_exchange_error(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], TestContext.Current.CancellationToken);

        var (result, _) = await LoopbackProbe.RunAsync(new TargetAddress("127.0.0.1", sshd.Port), Timeout, TestContext.Current.CancellationToken);
        string log = await sshd.WaitForLogAsync(ClosedByProbe, LogLimit, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Matches(SshdLogLines.ClosedByProbe(), log);
        Assert.DoesNotContain("kex_exchange_identification", log, StringComparison.Ordinal);
        Assert.DoesNotContain("banner exchange", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// The control for the test above, so that it can fail: a client that hangs up before identifying itself is
    /// logged without [preauth], and by 9.2 also as a kex_exchange_identification error (10.0 logs that at VERBOSE).
    /// </summary>
    [Theory]
    [MemberData(nameof(OpenSsh.Names), MemberType = typeof(OpenSsh))]
    public async Task A_client_that_hangs_up_without_an_identification_is_logged_as_closed_before_preauth(string openssh)
    {
        await using var sshd = await SshdFixture.StartAsync(OpenSsh.Named(openssh), [], TestContext.Current.CancellationToken);

        int port;
        using (var rude = await SilentClient.ConnectAsync(sshd.Port, TestContext.Current.CancellationToken))
        {
            port = rude.LocalPort;
        }

        string closed = $"{ClosedByProbe} port {port}";
        string log = await sshd.WaitForLogAsync(closed, LogLimit, TestContext.Current.CancellationToken);
        Assert.Matches(new Regex($@"^{Regex.Escape(closed)}\r?$", RegexOptions.Multiline), log);
        Assert.DoesNotMatch(SshdLogLines.ClosedByProbe(), log);
        if (openssh == OpenSsh.Installed.Name)
        {
            Assert.Contains("kex_exchange_identification", log, StringComparison.Ordinal);
        }
    }
}
