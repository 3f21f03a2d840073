using SshExporter.Probing;
using SshExporter.Runbook;

namespace SshExporter.Tests.Unit;

/// <summary>The runbook anchors are the alerting contract's, and only links to sections the contract names come out.</summary>
public class RunbookLinksTests
{
    // The alert names of the alerting contract; each alert's runbook section is its name in lower case.
    private static readonly string[] ContractAlerts =
    [
        "SshDaemonNotRunning", "SshHostKeysMissing", "SshConfigInvalid", "SshDaemonListensElsewhere", "SshHostFirewallBlocking",
        "SshDaemonNotAnswering", "SshBlockedOutsideHost", "SshPortTakenByOtherService", "SshNameNotResolving",
        "SshConnectionRefused", "SshConnectionTimeout", "SshHostUnreachable", "SshConnectionDropped", "SshBannerTimeout",
        "SshProtocolUnsupported", "SshRestartWouldFail", "SshSidecarCheckFailing", "SshExporterConfigReloadFailed", "SshExporterDown",
    ];

    [Theory]
    [InlineData(ProbeOutcome.Success, null)]
    [InlineData(ProbeOutcome.Refused, "sshconnectionrefused")]
    [InlineData(ProbeOutcome.ConnectTimeout, "sshconnectiontimeout")]
    [InlineData(ProbeOutcome.Unreachable, "sshhostunreachable")]
    [InlineData(ProbeOutcome.Reset, "sshconnectiondropped")]
    [InlineData(ProbeOutcome.Closed, "sshconnectiondropped")]
    [InlineData(ProbeOutcome.BannerTimeout, "sshbannertimeout")]
    [InlineData(ProbeOutcome.BannerInvalid, "sshporttakenbyotherservice")]
    [InlineData(ProbeOutcome.ProtocolUnsupported, "sshprotocolunsupported")]
    [InlineData(ProbeOutcome.DnsError, "sshnamenotresolving")]
    public void Each_probe_outcome_has_the_contracts_anchor(ProbeOutcome outcome, string? anchor)
    {
        Assert.Equal(anchor, RunbookLinks.Anchor(outcome));
        Assert.Equal(outcome == ProbeOutcome.BannerTimeout ? "sshdaemonnotanswering" : anchor, RunbookLinks.LocalProbeAnchor(outcome));
    }

    [Theory]
    [InlineData(SidecarFinding.ServiceNotRunning, "sshdaemonnotrunning")]
    [InlineData(SidecarFinding.ConfigInvalid, "sshconfiginvalid")]
    [InlineData(SidecarFinding.HostKeyMissing, "sshhostkeysmissing")]
    [InlineData(SidecarFinding.PortNotListening, "sshdaemonlistenselsewhere")]
    [InlineData(SidecarFinding.FirewallBlocks, "sshhostfirewallblocking")]
    [InlineData(SidecarFinding.CheckCouldNotLook, "sshsidecarcheckfailing")]
    public void Each_sidecar_finding_has_the_contracts_anchor(SidecarFinding finding, string anchor) =>
        Assert.Equal(anchor, RunbookLinks.Anchor(finding));

    [Fact]
    public void The_list_of_anchors_is_every_one_the_mappings_give_and_each_is_a_contract_alert()
    {
        string[] expected =
        [
            "sshbannertimeout", "sshconfiginvalid", "sshconnectiondropped", "sshconnectionrefused", "sshconnectiontimeout",
            "sshdaemonlistenselsewhere", "sshdaemonnotanswering", "sshdaemonnotrunning", "sshhostfirewallblocking",
            "sshhostkeysmissing", "sshhostunreachable", "sshnamenotresolving", "sshporttakenbyotherservice",
            "sshprotocolunsupported", "sshsidecarcheckfailing",
        ];

        Assert.Equal(expected, RunbookLinks.Anchors.Order(StringComparer.Ordinal));
        Assert.Subset(ContractAlerts.Select(a => a.ToLowerInvariant()).ToHashSet(), RunbookLinks.Anchors.ToHashSet());
    }

    [Fact]
    public void The_default_base_is_the_contracts() =>
        Assert.Equal("https://github.com/ssh-exporter/ssh-exporter/blob/main/docs/runbook.md", RunbookLinks.DefaultBaseUrl);

    [Fact]
    public void A_link_is_the_base_a_hash_and_the_anchor()
    {
        Assert.Equal($"{RunbookLinks.DefaultBaseUrl}#sshconnectionrefused", new RunbookLinks(RunbookLinks.DefaultBaseUrl).For(ProbeOutcome.Refused));
        Assert.Equal("https://wiki.example.com/ssh#sshdaemonnotrunning", new RunbookLinks("https://wiki.example.com/ssh").Url("sshdaemonnotrunning"));
        Assert.Null(new RunbookLinks(RunbookLinks.DefaultBaseUrl).For(ProbeOutcome.Success));
    }

    [Theory]
    [InlineData(RunbookLinks.DefaultBaseUrl, true)]
    [InlineData("http://wiki.internal:8080/runbooks/ssh.html", true)]
    [InlineData("https://wiki.example.com/ssh#top", false)]
    [InlineData("wiki.example.com/ssh", false)]
    [InlineData("/srv/runbook.md", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https://wiki.example.com/ssh runbook", false)]
    [InlineData("", false)]
    public void The_base_is_an_absolute_http_url_without_a_fragment(string text, bool valid)
    {
        Assert.Equal(valid, RunbookLinks.IsValidBaseUrl(text, out string error));
        Assert.Equal(valid, error.Length == 0);
    }
}
