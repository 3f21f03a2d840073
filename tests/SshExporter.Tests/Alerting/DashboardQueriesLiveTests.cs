using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// The shipped dashboards against the live Prometheus of <see cref="AlertingEnvironment"/>, at the end of its run:
/// every panel's query and every variable's selector, with the variables Grafana would put in, runs without error
/// for the fleet and for the healthy and the faulty servers, and gives the panel data wherever the panel can have
/// data for that server. Where it cannot, <see cref="NoData"/> says so and why, panel by panel.
/// </summary>
[Collection(nameof(RunsAlone))]
[NeedsNetns, NeedsNode, NeedsPrometheus, NeedsSshd, NeedsTool("socat")]
[NeedsExporterBinary]
public sealed class DashboardQueriesLiveTests(AlertingEnvironment environment)
{
    private const string AllHostsRow = "all";

    private static readonly string[] SidecarPanels =
    [
        "sshd service", "sshd_config valid", "Host keys", "Checks that could look", "Ports sshd_config names", "Listening",
        "Loopback probe", "Firewall, per backend", "Who listens", "Sidecar checks over time",
    ];

    /// <summary>What the KEXINIT stage reads: nothing where no banner arrives.</summary>
    private static readonly string[] KexinitPanels =
        ["KEXINIT read", "Strict key exchange", "Terrapin (CVE-2023-48795)", "Post-quantum key exchange", "Weak algorithms offered, by kind"];

    /// <summary>What the opt-in host key module reads.</summary>
    private static readonly string[] HostKeyPanels = ["Host key verified", "Host key matches its pin", "Host key shown"];

    private const string FleetKexinit = "Hosts with weak key exchange or ciphers";

    private const string FleetHostKeys = "Hosts whose host key is in question";

    private const string NoHostKeyModule = "the environment's modules have no host_key section: no prober fetches host keys";

    private const string NoKexinit = "nothing answers with a banner on port 22, so no KEXINIT is read";

    private const string NoAlert = "no alert is pending or firing for the healthy server (AlertingTests holds it to that)";

    private const string NoExporterFault = "every exporter, the central one and each sidecar, answers its scrapes: no fault here is the exporter's own";

    private static readonly string[] Unanswered = ["Connect and banner time across the fleet", "SSH server versions over time", "SSH server versions now"];

    /// <summary>Empty while every exporter answers its scrapes, as in a healthy run; it may show a late scrape.</summary>
    private const string ScrapeFailures = "Exporter scrapes failing";

    /// <summary>The panels that rightly show nothing, per dashboard and server ("all": the fleet at All hosts), with the reason.</summary>
    private static readonly (string Dashboard, string Host, string[] Panels, string Reason)[] NoData =
    [
        (DashboardQueryRuns.Fleet, AllHostsRow, [ScrapeFailures], NoExporterFault),
        (DashboardQueryRuns.Fleet, AllHostsRow, [FleetHostKeys], NoHostKeyModule),
        .. DashboardQueryRuns.Hosts.Select(host => (DashboardQueryRuns.Fleet, host, new[] { FleetHostKeys }, NoHostKeyModule)),
        .. DashboardQueryRuns.Hosts.Select(host => (DashboardQueryRuns.OneHost, host, HostKeyPanels, NoHostKeyModule)),
        .. new[] { "stopped", "drop", "nosidecar" }.Select(host => (DashboardQueryRuns.Fleet, host, new[] { FleetKexinit }, NoKexinit)),
        .. new[] { "stopped", "drop", "nosidecar" }.Select(host => (DashboardQueryRuns.OneHost, host, KexinitPanels, NoKexinit)),
        (DashboardQueryRuns.Fleet, "healthy", ["SSH alerts firing, by severity", "SSH alerts over time"], NoAlert),
        (DashboardQueryRuns.Fleet, "healthy", ["Failing targets: what they see and what fixes it"], "the healthy server answers every probe"),
        .. DashboardQueryRuns.Hosts.Select(host => (DashboardQueryRuns.Fleet, host, new[] { ScrapeFailures }, NoExporterFault)),
        .. new[] { "stopped", "drop", "nosidecar" }.Select(host => (DashboardQueryRuns.Fleet, host, Unanswered,
            "the panel times and lists the versions of the targets that answer with a banner, and this one does not answer")),
        (DashboardQueryRuns.Fleet, "nosidecar", ["Exporter config reloads", "Probes per second, by outcome", "Sidecar checks that cannot look"],
            "an exporter's own metrics carry a server's host label only from that server's sidecar, and this server has none"),
        (DashboardQueryRuns.OneHost, "healthy", ["SSH alerts for this host", "SSH alerts over time"], NoAlert),
        (DashboardQueryRuns.OneHost, "stopped", ["SSH identification"], "nothing answers on port 22, so no banner is read"),
        (DashboardQueryRuns.OneHost, "stopped", ["Who listens"], "sshd is stopped, so the sidecar finds no listener to describe"),
        (DashboardQueryRuns.OneHost, "drop", ["SSH identification"], "the firewall drops the probe, so no banner is read"),
        (DashboardQueryRuns.OneHost, "nosidecar", ["SSH identification"], "nothing answers on port 22, so no banner is read"),
        (DashboardQueryRuns.OneHost, "nosidecar", SidecarPanels, "no sidecar runs on this server"),
    ];

    public static TheoryData<string, string> Rows =>
    [
        (DashboardQueryRuns.Fleet, AllHostsRow),
        .. DashboardQueryRuns.Hosts.Select(host => (DashboardQueryRuns.Fleet, host)),
        .. DashboardQueryRuns.Hosts.Select(host => (DashboardQueryRuns.OneHost, host)),
    ];

    /// <param name="dashboard">The dashboard's file.</param>
    /// <param name="host">The server its <c>host</c> variable names, or "all" for the fleet dashboard at All.</param>
    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_query_runs_and_every_panel_that_can_have_data_has_it(string dashboard, string host)
    {
        AlertingEnvironment.RequireEverything();
        string hostValue = host == AllHostsRow ? DashboardQueryRuns.AllHosts : host;
        var exceptions = NoData.Where(n => n.Dashboard == dashboard && n.Host == host).ToList();
        var expectedEmpty = exceptions.SelectMany(n => n.Panels).ToHashSet(StringComparer.Ordinal);
        var runs = environment.DashboardQueries.Where(r => r.Dashboard == dashboard && r.Host == hostValue).ToList();
        string context = $"{dashboard}, host {(host == AllHostsRow ? "All" : $"{host} ({environment.HostLabel(host)})")}:\n"
            + string.Join("\n", runs)
            + $"\nexpected empty:{string.Concat(exceptions.Select(n => $"\n  {string.Join(", ", n.Panels)}: {n.Reason}"))}"
            + $"\ntimeline:\n{environment.Timeline}";
        TestContext.Current.TestOutputHelper?.WriteLine(context);

        Assert.True(runs.Count > 0, $"no query of {dashboard} was asked for host {host}\n{context}");
        Assert.True(runs.All(r => r.Succeeded), $"every query should run without error\n{context}");

        var missing = runs.Where(r => !r.HasData && !expectedEmpty.Contains(PanelTitle(r.Query.Where))).Select(r => r.Query.Where).ToList();
        // A sidecar scrape that runs late on a busy machine fills the scrape-failure panel, rightly: not a fault of it.
        var unexpected = runs.Where(r => r.HasData && expectedEmpty.Contains(PanelTitle(r.Query.Where)) && PanelTitle(r.Query.Where) != ScrapeFailures)
            .Select(r => r.Query.Where).ToList();
        Assert.True(missing.Count == 0, $"these should have data: {string.Join("; ", missing)}\n{context}");
        // An exception that no longer holds is one to remove, not one to keep.
        Assert.True(unexpected.Count == 0, $"these were expected to be empty but have data: {string.Join("; ", unexpected)}\n{context}");
        Assert.All(expectedEmpty, title => Assert.Contains(runs, r => PanelTitle(r.Query.Where) == title));
    }

    /// <summary>The title in a query's "panel 'TITLE' query A"; a variable has none.</summary>
    private static string PanelTitle(string where) =>
        where.StartsWith("panel '", StringComparison.Ordinal) ? where[7..where.LastIndexOf("' query ", StringComparison.Ordinal)] : "";
}
