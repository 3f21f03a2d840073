using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Firewalld;

namespace SshExporter.Tests.Sidecar.Firewall;

public class FirewalldTests
{
    private static IReadOnlyList<FirewalldZone> Zones(string name) => FirewalldZonesParser.Parse(FirewallFixtures.Read($"firewalld/{name}.txt"));

    [Fact]
    public void Reads_every_zone_with_its_bindings_services_ports_and_rich_rules()
    {
        var zones = Zones("list-all-zones");

        Assert.Equal(["block", "dmz", "drop", "internal", "public", "trusted"], zones.Select(z => z.Name));
        var block = zones[0];
        Assert.Equal(("%%REJECT%%", false, false), (block.Target, block.IsDefault, block.IsActive));
        var internalZone = zones[3];
        Assert.Equal((true, false), (internalZone.IsActive, internalZone.IsDefault));
        Assert.Equal(["10.0.0.0/8"], internalZone.Sources);
        Assert.Equal(["2222/tcp"], internalZone.Ports);
        var publicZone = zones[4];
        Assert.Equal(("default", true, true), (publicZone.Target, publicZone.IsDefault, publicZone.IsActive));
        Assert.Equal(["eth0"], publicZone.Interfaces);
        Assert.Equal(["cockpit", "dhcpv6-client", "ssh"], publicZone.Services);
        Assert.Equal(["8000-8100/tcp", "53/udp"], publicZone.Ports);
        Assert.Equal(3, publicZone.RichRules.Count);
        Assert.Equal("rule family=\"ipv4\" port port=\"2223\" protocol=\"tcp\" drop", publicZone.RichRules[1]);
    }

    [Fact]
    public void Refuses_settings_before_any_zone() =>
        Assert.Throws<FormatException>(() => FirewalldZonesParser.Parse("  target: default\n"));

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "zone public service ssh (22/tcp)")]
    [InlineData(9090, FirewallVerdict.Allowed, "zone public service cockpit (9090/tcp)")]
    [InlineData(8050, FirewallVerdict.Allowed, "zone public port 8000-8100/tcp")]
    [InlineData(2223, FirewallVerdict.Dropped, "zone public rich rule: rule family=\"ipv4\" port port=\"2223\" protocol=\"tcp\" drop")]
    // 53 is open for UDP only; the default zone's "default" target rejects.
    [InlineData(53, FirewallVerdict.Rejected, "zone public target default (rejects)")]
    [InlineData(9999, FirewallVerdict.Rejected, "zone public target default (rejects)")]
    public void The_default_zone_decides_for_its_interfaces(int port, FirewallVerdict verdict, string decidedBy)
    {
        var decision = FirewalldEvaluator.Evaluate(Zones("list-all-zones"), port);

        Assert.Equal((verdict, decidedBy, false), (decision.Verdict, decision.DecidedBy, decision.Uncertain));
    }

    [Fact]
    public void A_rich_rule_banning_one_source_is_noted_not_decisive()
    {
        var decision = FirewalldEvaluator.Evaluate(Zones("list-all-zones"), 22);

        Assert.Contains("other traffic: reject by zone public rich rule for 203.0.113.7: rule family=\"ipv4\" source address=\"203.0.113.7\" service name=\"ssh\" reject", decision.Notes);
    }

    [Fact]
    public void A_zone_bound_to_sources_allows_only_for_them()
    {
        var decision = FirewalldEvaluator.Evaluate(Zones("list-all-zones"), 2222);

        Assert.Equal((FirewallVerdict.Allowed, "zone internal port 2222/tcp"), (decision.Verdict, decision.DecidedBy));
        Assert.Contains("only for traffic in zone internal: sources 10.0.0.0/8", decision.Notes);
        Assert.Contains("other traffic: rejected by zone public target default (rejects) (interfaces eth0)", decision.Notes);
    }

    [Fact]
    public void A_rich_rule_accepting_some_sources_allows_for_them()
    {
        var decision = FirewalldEvaluator.Evaluate(Zones("list-all-zones"), 2224);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Contains(decision.Notes, n => n.StartsWith("only for the sources the rich rule names", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drop_default_zone_drops_and_inactive_zones_do_not_count()
    {
        var decision = FirewalldEvaluator.Evaluate(Zones("drop-default"), 22);

        Assert.Equal((FirewallVerdict.Dropped, "zone drop target DROP (drops)"), (decision.Verdict, decision.DecidedBy));
    }

    [Fact]
    public void Services_and_rich_rules_not_understood_make_a_block_uncertain()
    {
        var decision = FirewalldEvaluator.Evaluate(Zones("unknown-service"), 22);

        Assert.Equal((FirewallVerdict.Rejected, true), (decision.Verdict, decision.Uncertain));
        Assert.Contains("service ssh-custom: its ports are not known here, not evaluated", decision.Notes);
        Assert.Contains(decision.Notes, n => n.StartsWith("rich rule not evaluated: rule priority=\"-1\"", StringComparison.Ordinal));
    }
}
