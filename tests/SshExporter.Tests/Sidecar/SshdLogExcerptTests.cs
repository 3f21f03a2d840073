using SshExporter.Sidecar;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar;

public class SshdLogExcerptTests
{
    [Fact]
    public async Task Without_systemd_the_last_sshd_lines_of_the_hosts_auth_log_are_shown()
    {
        using var root = new TempDirectory();
        var lines = Enumerable.Range(1, 30).Select(i => $"Nov 24 03:00:{i:00} host sshd[{i}]: line {i}")
            .Append("Nov 24 03:01:00 host CRON[9]: not sshd");
        root.Write("var/log/auth.log", string.Join('\n', lines) + "\n");
        var settings = new SidecarSettings { Enabled = true, RootFs = root.Path };

        string excerpt = await SshdLogExcerpt.ReadAsync(settings, HostCommands.Runner, TestContext.Current.CancellationToken);

        var shown = excerpt.TrimEnd('\n').Split('\n');
        Assert.Equal(SshdLogExcerpt.MaxLines, shown.Length);
        Assert.EndsWith("line 30", shown[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("CRON", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_journal_and_no_auth_log_it_says_so()
    {
        using var root = new TempDirectory();

        string excerpt = await SshdLogExcerpt.ReadAsync(new SidecarSettings { Enabled = true, RootFs = root.Path }, HostCommands.Runner, TestContext.Current.CancellationToken);

        Assert.Equal("(no journal and no auth log found)\n", excerpt);
    }
}
