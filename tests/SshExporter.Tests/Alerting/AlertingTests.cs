using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// One SSH fault is one page, naming its root cause, end to end with the real tools: sshd, the exporter as
/// central prober and as sidecar, Prometheus with the shipped rules and the examples' relabelling, and
/// Alertmanager with the shipped routes and inhibitions. Each row is one server of <see cref="AlertingEnvironment"/>
/// with its own fault, all injected at once.
/// </summary>
[Collection(nameof(RunsAlone))]
[NeedsNetns, NeedsNode, NeedsPrometheus, NeedsSshd, NeedsTool("socat")]
public sealed class AlertingTests(AlertingEnvironment environment)
{
    /// <param name="host">The row's server (<see cref="HostFaults"/>).</param>
    /// <param name="page">The one alert that reaches the critical receiver for it, or null for none at all.</param>
    /// <param name="diagnosis">The page's <c>diagnosis</c> label.</param>
    /// <param name="port">The page's <c>port</c> label: the probed port for a port-scoped alert, null for a host-scoped cause.</param>
    /// <param name="inhibitedSymptom">The symptom the remote probe raises too, which Alertmanager must hold back.</param>
    [Theory]
    [InlineData("healthy", null, null, null, null)]
    [InlineData("stopped", "SshDaemonNotRunning", "cause", null, "SshConnectionRefused")]
    [InlineData("moved", "SshDaemonListensElsewhere", "cause", "22", "SshConnectionRefused")]
    [InlineData("drop", "SshHostFirewallBlocking", "cause", "22", "SshConnectionTimeout")]
    [InlineData("reject", "SshHostFirewallBlocking", "cause", "22", "SshConnectionRefused")]
    [InlineData("nokeys", "SshHostKeysMissing", "cause", null, "SshConnectionRefused")]
    [InlineData("badconfig", "SshConfigInvalid", "cause", null, "SshConnectionRefused")]
    [InlineData("hung", "SshDaemonNotAnswering", "cause", "22", "SshBannerTimeout")]
    [InlineData("other", "SshPortTakenByOtherService", "cause", "22", null)]
    [InlineData("dns", "SshNameNotResolving", "cause", "22", null)]
    [InlineData("outside", "SshBlockedOutsideHost", "cause", "22", "SshConnectionTimeout")]
    [InlineData("nosidecar", "SshConnectionRefused", "symptom", "22", null)]
    public void A_fault_pages_once_naming_its_cause(string host, string? page, string? diagnosis, string? port, string? inhibitedSymptom)
    {
        AlertingEnvironment.RequireEverything();
        string label = environment.HostLabel(host);
        var delivered = environment.Delivered.Where(a => a.Labels["host"] == label).ToList();
        var active = environment.PrometheusAlerts.Where(a => a.Labels["host"] == label).ToList();
        string context = Context(host, label, delivered, active);
        TestContext.Current.TestOutputHelper?.WriteLine(context);

        if (page is null)
        {
            Assert.True(delivered.Count == 0, $"nothing should reach any receiver for {host}\n{context}");
            Assert.True(active.Count == 0, $"no alert should even be pending for {host}\n{context}");
            return;
        }

        Assert.True(
            delivered.Where(a => a.Receiver == AlertmanagerConfig.PagerReceiver).Select(a => a.Labels.AlertName).Distinct().SequenceEqual([page]),
            $"exactly {page} should reach {AlertmanagerConfig.PagerReceiver} for {host}\n{context}");
        Assert.True(delivered.All(a => a.Labels.AlertName == page), $"no other alert should reach any receiver for {host}\n{context}");
        foreach (var alert in delivered)
        {
            // The labels the inhibitions join on: a host-scoped cause has no port, a port-scoped alert the probed one.
            Assert.Equal(label, alert.Labels["host"]);
            Assert.Equal("critical", alert.Labels["severity"]);
            Assert.Equal(diagnosis, alert.Labels["diagnosis"]);
            Assert.Equal(port, alert.Labels["port"]);
            AssertRunbookUrl(alert);
        }

        if (inhibitedSymptom is not null)
        {
            // Proof that the inhibition, not a quiet probe, kept the symptom away: Alertmanager holds it, suppressed.
            Assert.True(
                environment.AlertmanagerAlerts.Any(a => a.Labels.AlertName == inhibitedSymptom && a.Labels["host"] == label && a.InhibitedBy.Count > 0),
                $"{inhibitedSymptom} should have fired for {host} and been inhibited\n{context}");
        }

        // Anything else pending for this server would page or file a ticket later than the test waits.
        string?[] expected = [page, inhibitedSymptom];
        Assert.True(active.All(a => expected.Contains(a.Labels.AlertName)), $"only {page} and {inhibitedSymptom ?? "no symptom"} should be pending or firing for {host}\n{context}");
    }

    /// <summary>
    /// The delivered link is the shipped rule's, unchanged on its way through Prometheus and Alertmanager; the
    /// documentation tests prove that every shipped runbook_url opens the alert's own section of the runbook.
    /// </summary>
    private static void AssertRunbookUrl(DeliveredAlert alert)
    {
        var shipped = ShippedAlerts.All.Single(a => a.Name == alert.Labels.AlertName);
        Assert.Equal(shipped.Annotations["runbook_url"], alert.Annotations.GetValueOrDefault("runbook_url"));
    }

    private string Context(string host, string label, List<DeliveredAlert> delivered, List<ActiveAlert> active) => $"""
        server {host} (host="{label}")
        delivered: {Lines(delivered)}
        pending or firing in Prometheus: {Lines(active)}
        in Alertmanager: {Lines(environment.AlertmanagerAlerts.Where(a => a.Labels["host"] == label))}
        series at the end:
        {environment.SeriesAtEnd.GetValueOrDefault(label, "(none)")}
        timeline:
        {environment.Timeline}
        """;

    private static string Lines<T>(IEnumerable<T> items) => items.Any() ? "\n  " + string.Join("\n  ", items) : "none";
}
