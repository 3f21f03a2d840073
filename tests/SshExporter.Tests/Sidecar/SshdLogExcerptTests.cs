using SshExporter.Sidecar;

namespace SshExporter.Tests.Sidecar;

public class SshdLogExcerptTests
{
    [Fact]
    public async Task Without_systemd_the_last_sshd_lines_of_the_hosts_auth_log_are_shown()
    {
        var root = Directory.CreateTempSubdirectory("sshx-rootfs-");
        Directory.CreateDirectory(Path.Combine(root.FullName, "var", "log"));
        var lines = Enumerable.Range(1, 30).Select(i => $"Nov 24 03:00:{i:00} host sshd[{i}]: line {i}")
            .Append("Nov 24 03:01:00 host CRON[9]: not sshd");
        await File.WriteAllLinesAsync(Path.Combine(root.FullName, "var", "log", "auth.log"), lines, TestContext.Current.CancellationToken);
        var settings = new SidecarSettings { Enabled = true, RootFs = root.FullName };

        string excerpt = await SshdLogExcerpt.ReadAsync(settings, TimeProvider.System, TestContext.Current.CancellationToken);
        root.Delete(recursive: true);

        var shown = excerpt.TrimEnd('\n').Split('\n');
        Assert.Equal(SshdLogExcerpt.MaxLines, shown.Length);
        Assert.EndsWith("line 30", shown[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("CRON", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_journal_and_no_auth_log_it_says_so()
    {
        var root = Directory.CreateTempSubdirectory("sshx-rootfs-");

        string excerpt = await SshdLogExcerpt.ReadAsync(new SidecarSettings { Enabled = true, RootFs = root.FullName }, TimeProvider.System, TestContext.Current.CancellationToken);
        root.Delete(recursive: true);

        Assert.Equal("(no journal and no auth log found)\n", excerpt);
    }
}
