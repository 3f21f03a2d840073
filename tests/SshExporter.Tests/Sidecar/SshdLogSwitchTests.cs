using Microsoft.Extensions.Logging.Abstractions;
using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar;

/// <summary>
/// sshd's log lines (user names, client addresses, key fingerprints) reach <c>/</c> and <c>/sidecar</c> only with
/// <c>show_sshd_log: true</c>; without it the pages say how to turn them on, and the log is not read at all.
/// </summary>
public class SshdLogSwitchTests
{
    private const string LogLine = "Nov 24 03:00:01 host sshd[4242]: Accepted publickey for alice from 192.0.2.9 port 50022 ssh2: ED25519 SHA256:sEcReTfInGeRpRiNt";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/sidecar")]
    public async Task Without_the_switch_the_page_shows_no_log_line_and_says_how_to_show_them(string page)
    {
        using var root = HostWithAuthLog();
        await using var exporter = await ExporterUnderTest.StartAsync(Config(root.Path, showSshdLog: null));

        string body = await exporter.GetTextAsync(page);

        Assert.DoesNotContain("alice", body, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.9", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sEcReTfInGeRpRiNt", body, StringComparison.Ordinal);
        Assert.Contains("show_sshd_log: true", body, StringComparison.Ordinal);
        Assert.Matches(@"checked \d+ s ago", body);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sidecar")]
    public async Task With_the_switch_the_page_shows_sshds_last_log_lines(string page)
    {
        using var root = HostWithAuthLog();
        await using var exporter = await ExporterUnderTest.StartAsync(Config(root.Path, showSshdLog: true));

        string body = await exporter.GetTextAsync(page);

        Assert.Contains("Accepted publickey for alice from 192.0.2.9", body, StringComparison.Ordinal);
        Assert.DoesNotContain("show_sshd_log: true", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_journal_is_asked_only_with_the_switch(bool show)
    {
        using var root = HostWithAuthLog();
        // A host with systemd, where the log comes from journalctl.
        Directory.CreateDirectory(root.PathOf("run/systemd/system/x"));
        var commands = new CannedCommands();
        var settings = new SidecarSettings { Enabled = true, RootFs = root.Path, ShowSshdLog = show };
        var shared = SharedSidecarRun.ForHost(TimeProvider.System, new SidecarCollector(TimeProvider.System, new SshProber(TimeProvider.System, "test"), commands), commands, NullLogger.Instance);

        var result = await shared.ForPageAsync(settings, new ModuleSettings { Timeout = TimeSpan.FromSeconds(10) }, Token);

        Assert.Equal(show, commands.Calls.ToList().Exists(call => call.StartsWith("journalctl ", StringComparison.Ordinal)));
        Assert.Equal(show, result.Reading.SshdLog is not null);
    }

    private static TempDirectory HostWithAuthLog()
    {
        var root = new TempDirectory();
        root.Write("etc/ssh/sshd_config", $"Port {ClosedPort.Find()}\n");
        root.Write("var/log/auth.log", LogLine + "\n");
        return root;
    }

    private static string Config(string rootfs, bool? showSshdLog) => ExporterUnderTest.WriteConfig($"""
        sidecar:
          rootfs: {rootfs}
        {(showSshdLog is { } show ? $"  show_sshd_log: {(show ? "true" : "false")}" : "")}
        """);
}
