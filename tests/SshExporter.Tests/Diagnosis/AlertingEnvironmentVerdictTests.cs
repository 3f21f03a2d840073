using SshExporter.Diagnosis;

namespace SshExporter.Tests.Diagnosis;

/// <summary>
/// The faults of the alerting environment (Alerting/HostFaults.cs), as the remote probe and the sidecar see each, give
/// the verdict whose headline is the page Alerting/AlertingTests.cs expects from Prometheus and Alertmanager, with the
/// same <c>diagnosis</c> and the same presence of a <c>port</c> label. The end-to-end test of the pages runs the
/// faults themselves; this holds the reasoning to the alerts without them.
/// </summary>
public class AlertingEnvironmentVerdictTests
{
    /// <param name="host">The row of the alerting environment.</param>
    /// <param name="remote">What the central prober sees of port 22.</param>
    /// <param name="local">What the sidecar finds (<see cref="LocalFaults"/>), or null for a server without one.</param>
    /// <param name="page">The one alert that pages, or null for none.</param>
    /// <param name="diagnosis">Its <c>diagnosis</c> label.</param>
    /// <param name="hasPort">Whether it has a <c>port</c> label.</param>
    [Theory]
    [InlineData("healthy", "success", new[] { "healthy" }, null, null, false)]
    [InlineData("stopped", "refused", new[] { "stopped" }, "SshDaemonNotRunning", "cause", false)]
    [InlineData("moved", "refused", new[] { "moved" }, "SshDaemonListensElsewhere", "cause", true)]
    [InlineData("drop", "connect_timeout", new[] { "firewall drops" }, "SshHostFirewallBlocking", "cause", true)]
    [InlineData("reject", "refused", new[] { "firewall rejects" }, "SshHostFirewallBlocking", "cause", true)]
    [InlineData("nokeys", "refused", new[] { "stopped", "keys missing", "config invalid" }, "SshHostKeysMissing", "cause", false)]
    [InlineData("badconfig", "refused", new[] { "stopped", "config invalid" }, "SshConfigInvalid", "cause", false)]
    [InlineData("hung", "banner_timeout", new[] { "hung" }, "SshDaemonNotAnswering", "cause", true)]
    [InlineData("other", "banner_invalid", new[] { "other program" }, "SshPortTakenByOtherService", "cause", true)]
    [InlineData("dns", "dns_error", null, "SshNameNotResolving", "cause", true)]
    [InlineData("outside", "connect_timeout", new[] { "healthy" }, "SshBlockedOutsideHost", "cause", true)]
    [InlineData("nosidecar", "refused", null, "SshConnectionRefused", "symptom", true)]
    public void The_headline_is_the_page_of_the_same_fault(string host, string remote, string[]? local, string? page, string? diagnosis, bool hasPort)
    {
        var verdict = VerdictTableTests.Diagnose(remote, local);

        Assert.True(page == verdict.Headline?.AlertName, $"{host}: the page is {page ?? "none"}, the verdict's headline {verdict.Headline?.AlertName ?? "none"}");
        Assert.Equal(page is null ? [] : [page], verdict.Findings.Where(finding => finding.Severity == AlertSeverity.Critical).Select(finding => finding.AlertName));
        if (verdict.Headline is { } headline)
        {
            Assert.Equal(diagnosis, headline.Kind.ToString().ToLowerInvariant());
            Assert.Equal(hasPort, headline.Alert.Scope() == AlertScope.Port);
        }
    }
}
