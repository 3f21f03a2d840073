using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// One SSH fault is one page, naming its root cause, end to end with the real tools: sshd, the exporter as
/// central prober and as sidecar, Prometheus with the shipped rules and the examples' relabelling, and
/// Alertmanager with the shipped routes and inhibitions. Each row is one server of <see cref="AlertingEnvironment"/>
/// with its own fault, all injected at once. The exporters' own pages, read at the same moment, name the same cause,
/// as far as the one view each page has can tell it (<see cref="ServerPages"/>).
/// </summary>
[Collection(nameof(RunsAlone))]
[NeedsNetns, NeedsNode, NeedsPrometheus, NeedsSshd, NeedsTool("socat")]
[NeedsExporterBinary]
public sealed class AlertingTests(AlertingEnvironment environment)
{
    /// <summary>A card that names no alert.</summary>
    private const string Healthy = "healthy";

    /// <param name="host">The row's server (<see cref="HostFaults"/>).</param>
    /// <param name="page">The one alert that reaches the critical receiver for it, or null for none at all.</param>
    /// <param name="diagnosis">The page's <c>diagnosis</c> label.</param>
    /// <param name="port">The page's <c>port</c> label: the probed port for a port-scoped alert, null for a host-scoped cause.</param>
    /// <param name="inhibitedSymptom">The symptom the remote probe raises too, which Alertmanager must hold back.</param>
    /// <param name="remoteCard">
    /// The alert the central exporter's <c>/target</c> page names for the port (<see cref="Healthy"/> for none): the remote
    /// view alone, so a cause only the local checks show reads as the symptom Alertmanager holds back for it.
    /// </param>
    /// <param name="localCard">
    /// The alert the sidecar's landing page names for its own sshd (<see cref="Healthy"/> for none, null without a
    /// sidecar): the local view alone, which cannot see the network between the prober and the server.
    /// </param>
    [Theory]
    [InlineData("healthy", null, null, null, null, Healthy, Healthy)]
    [InlineData("stopped", "SshDaemonNotRunning", "cause", null, "SshConnectionRefused", "SshConnectionRefused", "SshDaemonNotRunning")]
    [InlineData("moved", "SshDaemonListensElsewhere", "cause", "22", "SshConnectionRefused", "SshConnectionRefused", Healthy)]
    [InlineData("drop", "SshHostFirewallBlocking", "cause", "22", "SshConnectionTimeout", "SshConnectionTimeout", "SshHostFirewallBlocking")]
    [InlineData("reject", "SshHostFirewallBlocking", "cause", "22", "SshConnectionRefused", "SshConnectionRefused", "SshHostFirewallBlocking")]
    [InlineData("nokeys", "SshHostKeysMissing", "cause", null, "SshConnectionRefused", "SshConnectionRefused", "SshHostKeysMissing")]
    [InlineData("badconfig", "SshConfigInvalid", "cause", null, "SshConnectionRefused", "SshConnectionRefused", "SshConfigInvalid")]
    [InlineData("hung", "SshDaemonNotAnswering", "cause", "22", "SshBannerTimeout", "SshBannerTimeout", "SshDaemonNotAnswering")]
    [InlineData("other", "SshPortTakenByOtherService", "cause", "22", null, "SshPortTakenByOtherService", "SshPortTakenByOtherService")]
    [InlineData("dns", "SshNameNotResolving", "cause", "22", null, "SshNameNotResolving", null)]
    [InlineData("outside", "SshBlockedOutsideHost", "cause", "22", "SshConnectionTimeout", "SshConnectionTimeout", Healthy)]
    [InlineData("nosidecar", "SshConnectionRefused", "symptom", "22", null, "SshConnectionRefused", null)]
    public void A_fault_pages_once_naming_its_cause(
        string host, string? page, string? diagnosis, string? port, string? inhibitedSymptom, string remoteCard, string? localCard)
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
            AssertPagesNameTheSameCause(host, page, inhibitedSymptom, remoteCard, localCard, delivered, context);
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
        AssertPagesNameTheSameCause(host, page, inhibitedSymptom, remoteCard, localCard, delivered, context);
    }

    /// <summary>
    /// Each page's card names the alert expected of its view, in that alert's colour and with its runbook link; that
    /// alert is the one that paged or the symptom held back for it, never another cause. A cause that needs both views
    /// at once, which neither page has, is one the runbook's section on the pages says they cannot tell.
    /// </summary>
    private void AssertPagesNameTheSameCause(
        string host, string? page, string? inhibitedSymptom, string remoteCard, string? localCard, List<DeliveredAlert> delivered, string context)
    {
        var pages = environment.Pages[host];
        AssertCard(pages.RemoteCard, remoteCard, "the central exporter's /target page");
        if (localCard is null)
        {
            Assert.True(pages.Sidecar is null, $"{host} has no sidecar, so no page of its own\n{context}");
        }
        else
        {
            AssertCard(pages.LocalCard, localCard, "the sidecar's landing page");
        }

        string[] named = [.. new[] { remoteCard, localCard }.OfType<string>().Where(alert => alert != Healthy)];
        string?[] consistent = [page, inhibitedSymptom];
        Assert.True(named.All(consistent.Contains), $"the pages of {host} name {string.Join(", ", named)}: only {page} and the symptom it holds back are consistent with the page\n{context}");
        if (page is not null && !named.Contains(page))
        {
            Assert.True(
                PagesCannotTell.Section.Contains(page, StringComparison.Ordinal),
                $"neither page of {host} names {page}: {PagesCannotTell.Runbook}'s section '{PagesCannotTell.Heading}' should say so\n{context}");
        }

        void AssertCard(PageVerdictCard? card, string expected, string where)
        {
            Assert.True(card is not null, $"{where} shows no card for {host}\n{context}");
            if (expected == Healthy)
            {
                Assert.True((card.ColourClass, card.State, card.AlertName) == ("healthy", "Healthy", null), $"{where} should call {host} healthy\n{context}");
                return;
            }

            // What a person sees: the alert's name on its runbook link, which opens the section the alert links, in the alert's colour.
            var shipped = ShippedAlerts.All.Single(a => a.Name == expected);
            Assert.True(card.AlertName == expected, $"{where} should name {expected} for {host}\n{context}");
            Assert.True(card.ColourClass == shipped.Severity, $"{where} should show {expected} as {shipped.Severity}\n{context}");
            Assert.True(card.RunbookHref == shipped.Annotations["runbook_url"], $"{where} should link {expected}'s runbook section\n{context}");
            Assert.All(delivered.Where(a => a.Labels.AlertName == expected), alert => Assert.Equal(alert.Annotations["runbook_url"], card.RunbookHref));
        }
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
        {environment.Pages[host]}
        series at the end:
        {environment.SeriesAtEnd.GetValueOrDefault(label, "(none)")}
        timeline:
        {environment.Timeline}
        """;

    private static string Lines<T>(IEnumerable<T> items) => items.Any() ? "\n  " + string.Join("\n  ", items) : "none";
}
