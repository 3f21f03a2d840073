using System.Net;
using System.Text.RegularExpressions;
using SshExporter.Probing;
using SshExporter.Runbook;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Listener;
using SshExporter.Sidecar.Service;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Tests.Sidecar;

/// <summary>The <c>/sidecar</c> text: a check line that reports a fault or "could not look" is followed by its runbook section.</summary>
public class SidecarReportTextTests
{
    private const string Base = "https://wiki.example.com/ssh";
    private static readonly RunbookLinks Runbook = RunbookLinks.TryCreate(Base, out var links, out string error) ? links : throw new InvalidOperationException(error);

    [Fact]
    public void When_every_check_is_fine_no_runbook_line_is_printed()
    {
        string text = SidecarReportText.Render(Shown(SidecarReports.Healthy(), ""), Runbook);

        Assert.DoesNotContain("runbook:", text, StringComparison.Ordinal);
        Assert.Equal(7, text.Split('\n').TakeWhile(line => line.Length > 0).Count());
    }

    public static TheoryData<string, string, string> Faults => new()
    {
        { "service not running", SidecarChecks.Service, "sshdaemonnotrunning" },
        { "sshd -t rejects", SidecarChecks.ConfigValid, "sshconfiginvalid" },
        { "host key missing", SidecarChecks.HostKeys, "sshhostkeysmissing" },
        { "port not listening", SidecarChecks.Listener, "sshdaemonlistenselsewhere" },
        { "firewall drops", SidecarChecks.Firewall, "sshhostfirewallblocking" },
        { "loopback refused", SidecarChecks.LocalProbe, "sshconnectionrefused" },
        { "loopback silent", SidecarChecks.LocalProbe, "sshdaemonnotanswering" },
        { "listener could not look", SidecarChecks.Listener, "sshsidecarcheckfailing" },
        { "service could not look", SidecarChecks.Service, "sshsidecarcheckfailing" },
        { "an installed firewall could not look", SidecarChecks.Firewall, "sshsidecarcheckfailing" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_is_followed_by_its_runbook_section_and_no_other_line_gets_one(string fault, string check, string anchor)
    {
        string[] lines = SidecarReportText.Render(Shown(WithFault(fault), ""), Runbook).Split('\n');

        int at = Array.FindIndex(lines, line => line.StartsWith(check + " ", StringComparison.Ordinal));
        Assert.Equal($"  runbook: {Base}#{anchor}", lines[at + 1]);
        Assert.Single(lines, line => line.StartsWith("  runbook: ", StringComparison.Ordinal));
    }

    [Fact]
    public void With_sshd_down_only_the_service_line_links_the_runbook_not_the_listener_and_loopback_lines_that_follow_from_it()
    {
        var report = SidecarReports.Healthy()
            .With(SidecarReports.Service(ServiceReport.NotRunning(ServiceMethod.PidFile, "pid 812 is gone")))
            .With(SidecarReports.Listening(SidecarReports.Port))
            .With(SidecarReports.LocalProbes(ProbeOutcome.Refused));

        var linked = SidecarReportText.Lines(report, Runbook).Where(line => line.RunbookUrls.Count > 0).ToList();

        Assert.Equal([$"{Base}#sshdaemonnotrunning"], Assert.Single(linked).RunbookUrls);
    }

    [Fact]
    public void With_sshd_down_the_start_hint_names_the_unit_systemd_knows()
    {
        static SystemdUnit Unit(string name, string loadState) => new(name, "inactive", new SystemdUnitState(loadState, "inactive", "dead"));
        var down = SystemdVerdict.Decide(
        [
            (Unit("ssh.service", "not-found"), Unit("ssh.socket", "not-found")),
            (Unit("sshd.service", "loaded"), Unit("sshd.socket", "not-found")),
        ])!;

        string line = SidecarReportText.Lines(SidecarReports.Healthy().With(SidecarReports.Service(down)), Runbook)[0].Text;

        Assert.EndsWith("; start it: systemctl start sshd", line, StringComparison.Ordinal);
    }

    [Fact]
    public void With_sshd_down_on_a_host_without_systemd_the_start_hint_names_the_sshd_binary()
    {
        var down = ServiceReport.NotRunning(ServiceMethod.PidFile, "pid file /run/sshd.pid is absent: sshd is not running");

        string line = SidecarReportText.Lines(SidecarReports.Healthy().With(SidecarReports.Service(down)), Runbook)[0].Text;

        Assert.DoesNotContain("systemctl", line, StringComparison.Ordinal);
        Assert.EndsWith("; start it: /usr/sbin/sshd (or through the init system)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_firewall_tool_that_is_not_installed_is_no_fault()
    {
        var report = SidecarReports.Healthy().With(new FirewallResult(new FirewallReport(
        [
            SidecarReports.Firewall(FirewallBackends.Iptables, FirewallVerdict.Allowed),
            FirewallBackendReport.CouldNotRun(FirewallBackends.Nftables, "nft not found", toolMissing: true),
        ])));

        Assert.DoesNotContain("runbook:", SidecarReportText.Render(Shown(report, ""), Runbook), StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_excerpt_comes_after_the_checks_and_gets_no_links()
    {
        var lines = SidecarReportText.Lines(SidecarReports.Healthy().With(SidecarReports.Service(ServiceReport.NotRunning(ServiceMethod.PidFile, "pid 812 is gone"))), Runbook);
        string text = SidecarReportText.Render(Shown(SidecarReports.Healthy(), "sshd[812]: Invalid user x from 192.0.2.7\n"), Runbook);

        Assert.Equal([$"{Base}#sshdaemonnotrunning"], lines[0].RunbookUrls);
        Assert.EndsWith("\nRecent sshd log lines:\nsshd[812]: Invalid user x from 192.0.2.7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendered_for_html_only_the_runbook_urls_become_links_and_the_rest_is_the_encoded_text()
    {
        var report = WithFault("service not running");
        const string log = "sshd[812]: Invalid user <a href=\"https://evil.example\">x</a>&amp; from 192.0.2.7\n";

        string html = SidecarReportText.Render(Shown(report, log), Runbook, WebUtility.HtmlEncode, url => $"<a href=\"{url}\">{url}</a>");

        Assert.Equal($"<a href=\"{Base}#sshdaemonnotrunning\">", Assert.Single(Regex.Matches(html, "<a [^>]*>")).Value);
        Assert.EndsWith(WebUtility.HtmlEncode("\nRecent sshd log lines:\n" + log), html, StringComparison.Ordinal);
        string unlinked = Regex.Replace(html, "<a [^>]*>([^<]*)</a>", "$1");
        Assert.Equal(SidecarReportText.Render(Shown(report, log), Runbook), WebUtility.HtmlDecode(unlinked));
    }

    /// <summary>A fresh result whose config shows sshd's log.</summary>
    private static SharedSidecarResult Shown(SidecarReport report, string log) => new(new SidecarReading(report, log), TimeSpan.Zero);

    private static SidecarReport WithFault(string fault)
    {
        var report = SidecarReports.Healthy();
        return fault switch
        {
            "service not running" => report.With(SidecarReports.Service(ServiceReport.NotRunning(ServiceMethod.PidFile, "pid 812 is gone"))),
            "sshd -t rejects" => report.With(new ConfigValidResult(new SshdConfigValidity(false, "Bad configuration option: NoSuchKeyword", CheckStatus.Ran()))),
            "host key missing" => report.With(new HostKeysResult(
                new HostKeyReport([new HostKeyStatus("ed25519", SidecarReports.HostKey, false, "does not exist")], CheckStatus.Ran()))),
            "port not listening" => report.With(SidecarReports.Listening(SidecarReports.Port)),
            "firewall drops" => report.With(new FirewallResult(new FirewallReport([SidecarReports.Firewall(FirewallBackends.Iptables, FirewallVerdict.Dropped)]))),
            "loopback refused" => report.With(SidecarReports.LocalProbes(ProbeOutcome.Refused)),
            "loopback silent" => report.With(SidecarReports.LocalProbes(ProbeOutcome.BannerTimeout)),
            "listener could not look" => report.With(new ListenerResult(new ListenerReport(CheckStatus.CouldNotRun("/proc/net/tcp is absent"), [], []))),
            "service could not look" => report.With(SidecarReports.Service(ServiceReport.CouldNotRun(ServiceMethod.Systemd, "did not finish within 2s"))),
            "an installed firewall could not look" => report.With(new FirewallResult(new FirewallReport(
            [
                SidecarReports.Firewall(FirewallBackends.Iptables, FirewallVerdict.Allowed),
                FirewallBackendReport.CouldNotRun(FirewallBackends.Nftables, "nft: Operation not permitted"),
            ]))),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
    }
}
