using System.Net;
using SshExporter.Diagnosis;
using SshExporter.Probing;
using SshExporter.Runbook;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Listener;
using SshExporter.Sidecar.Service;
using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Sidecar;

namespace SshExporter.Tests.Diagnosis;

/// <summary>
/// The verdict over the fault combinations of <see cref="VerdictTable"/>: it names the alerts the shipped rules
/// would fire and Alertmanager would let through, most important first, in the colour of the loudest.
/// </summary>
public class VerdictTableTests
{
    private static readonly TargetAddress Target = new("db1.example.invalid", SidecarReports.Port);

    public static TheoryData<string, string?, string[]?, string[]> Rows =>
        [.. VerdictTable.Rows.Select(row => (row.Why, row.Remote, row.Local, row.Expected))];

    public static TheoryData<string> Details => [.. ProbeDetailCases.All.Keys];

    /// <summary>The verdict for a row of the table.</summary>
    public static Verdict Diagnose(string? remote, string[]? local) =>
        Diagnoser.Diagnose(new TargetEvidence(Target, remote is null ? null : SidecarReports.Probe(Outcome(remote)), local is null ? null : LocalFaults.Report(local)), RunbookLinks.Default);

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_verdict_names_the_alerts_that_would_reach_a_receiver(string why, string? remote, string[]? local, string[] expected)
    {
        var verdict = Diagnose(remote, local);

        Assert.True(expected.SequenceEqual(verdict.AlertNames), $"{why}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", verdict.AlertNames)}]");
        AssertStateAndHeadline(expected, verdict);
        AssertTold(verdict);
    }

    [Theory]
    [MemberData(nameof(Details))]
    public void What_sshd_offers_and_the_key_it_shows_add_their_alerts(string why)
    {
        var detail = ProbeDetailCases.All[why];

        var verdict = Diagnoser.Diagnose(new TargetEvidence(Target, detail.Probe, LocalFaults.Report(["healthy"])), RunbookLinks.Default);

        Assert.Equal(detail.Expected, verdict.AlertNames);
        AssertStateAndHeadline(detail.Expected, verdict);
        AssertTold(verdict);
    }

    [Fact]
    public void With_neither_a_probe_nor_local_checks_the_verdict_is_unknown()
    {
        var verdict = Diagnoser.Diagnose(new TargetEvidence(Target, null, null), RunbookLinks.Default);

        Assert.Equal(VerdictState.Unknown, verdict.State);
        Assert.Empty(verdict.Findings);
        Assert.Null(verdict.Headline);
    }

    [Fact]
    public void The_commands_are_for_the_target_and_the_service_unit_the_sidecar_found()
    {
        var stopped = LocalFaults.Report(["stopped"]).With(SidecarReports.Service(
            new ServiceReport(CheckStatus.Ran("sshd.service is inactive (dead)"), false, ServiceMethod.Systemd, "sshd.service is inactive (dead)", "sshd.service")));

        var finding = Diagnoser.Diagnose(new TargetEvidence(new TargetAddress("::1", 2222), SidecarReports.Probe(ProbeOutcome.Refused), stopped), RunbookLinks.Default).Headline!;

        Assert.Equal(VerdictAlert.SshDaemonNotRunning, finding.Alert);
        Assert.Equal(["sudo systemctl status sshd sshd.socket", "sudo journalctl -u sshd -b --no-pager -n 50", "sudo ss -tlnp | grep -w sshd"], finding.Confirm);
        Assert.Equal(["sudo sshd -t", "sudo systemctl enable --now sshd"], finding.Fix);
        Assert.Equal("sshd is stopped on ::1 and nothing listens on the ports it should use; its configuration and host keys are fine.", finding.Summary);
        Assert.Contains("sshd is not running (sshd.service is inactive (dead))", finding.Evidence);
    }

    [Theory]
    [InlineData("db1.example.invalid", "sudo ufw allow 2222/tcp", "curl -s http://db1.example.invalid:9722/sidecar")]
    [InlineData("2001:db8::7", "sudo ufw allow 2222/tcp", "curl -s http://[2001:db8::7]:9722/sidecar")]
    public void Host_and_port_fill_the_runbook_placeholders_and_nothing_else(string host, string ufw, string sidecar)
    {
        var target = new TargetAddress(host, 2222);

        Assert.Equal(ufw, CommandText.Fill("sudo ufw allow PORT/tcp", target));
        Assert.Equal(sidecar, CommandText.Fill("curl -s http://HOST:9722/sidecar", target));
        Assert.Equal("sudo fail2ban-client set sshd unbanip PROBER_IP", CommandText.Fill("sudo fail2ban-client set sshd unbanip PROBER_IP", target, "sshd.service"));
        Assert.Equal("ssh -o ConnectTimeout=5 -p 2222 localhost", CommandText.Fill("ssh -o ConnectTimeout=5 -p PORT localhost", target, "sshd.service"));
        Assert.Equal("sudo systemctl restart ssh", CommandText.Fill("sudo systemctl restart ssh", target, "ssh.service"));
    }

    [Fact]
    public void The_firewall_finding_names_the_rule_that_decides()
    {
        var finding = Diagnose("connect_timeout", ["firewall drops"]).Headline!;

        Assert.Equal(["probe of db1.example.invalid:22: connect_timeout", "iptables: 22/tcp dropped by policy DROPPED (filter INPUT)"], finding.Evidence);
    }

    [Fact]
    public void The_local_sshd_alone_is_judged_on_the_port_the_sidecar_watches()
    {
        var evidence = TargetEvidence.LocalOnly("db1", LocalFaults.Report(["hung"]));

        var verdict = Diagnoser.Diagnose(evidence, RunbookLinks.Default);

        Assert.Equal(new TargetAddress("db1", SidecarReports.Port), evidence.Target);
        Assert.Equal(["loopback probe of port 22: banner_timeout", "port 22 listening on 0.0.0.0 by sshd"], verdict.Headline!.Evidence);
    }

    [Fact]
    public void The_local_sshd_alone_gets_the_commands_for_the_port_a_finding_is_about()
    {
        ListeningSocket Sshd(int port) => new(IPAddress.Any, port, (ulong)port, new SocketOwner(812, "sshd"));
        var report = SidecarReports.Healthy()
            .With(new ConfigResult(SidecarReports.Healthy().Get<ConfigResult>()!.Parsed, [22, 2222]))
            .With(new ListenerResult(new ListenerReport(CheckStatus.Ran(), [Sshd(22), Sshd(2222)], [new PortListeners(22, [Sshd(22)]), new PortListeners(2222, [Sshd(2222)])])))
            .With(new LocalProbeResult([new LocalProbe(22, SidecarReports.Probe(ProbeOutcome.Success)), new LocalProbe(2222, SidecarReports.Probe(ProbeOutcome.BannerTimeout))]));

        var finding = Diagnoser.Diagnose(TargetEvidence.LocalOnly("db1", report), RunbookLinks.Default).Headline!;

        Assert.Equal(VerdictAlert.SshDaemonNotAnswering, finding.Alert);
        Assert.Equal(new TargetAddress("db1", 2222), finding.Target);
        Assert.Contains("ssh -o ConnectTimeout=5 -p 2222 localhost", finding.Confirm);
    }

    private static ProbeOutcome Outcome(string label) => ProbeOutcomes.All.Single(outcome => outcome.ToLabel() == label);

    /// <summary>The colour is that of the loudest alert by the shipped rules' severity, and the headline the first.</summary>
    private static void AssertStateAndHeadline(string[] expected, Verdict verdict)
    {
        var severities = expected.Select(name => ShippedAlerts.All.Single(alert => alert.Name == name).Severity).ToList();
        var state = severities.Contains("critical") ? VerdictState.Critical : severities.Contains("warning") ? VerdictState.Warning : VerdictState.Healthy;

        Assert.Equal(state, verdict.State);
        Assert.Equal(state == VerdictState.Healthy ? null : expected[0], verdict.Headline?.AlertName);
    }

    /// <summary>Each finding says what is wrong, why it was concluded and where the runbook is, for the target itself.</summary>
    private static void AssertTold(Verdict verdict) => Assert.All(verdict.Findings, finding =>
    {
        Assert.NotEmpty(finding.Evidence);
        Assert.NotEmpty(finding.Confirm);
        Assert.Equal(RunbookLinks.Default.Url(finding.AlertName), finding.RunbookUrl);
        Assert.All([finding.Summary, finding.FixHint ?? "", .. finding.Confirm, .. finding.Fix], text =>
            Assert.DoesNotMatch(@"\b(HOST|PORT)\b", text));
    });
}
