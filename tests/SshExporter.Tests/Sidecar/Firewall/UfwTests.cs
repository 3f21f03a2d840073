using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Firewall.Ufw;

namespace SshExporter.Tests.Sidecar.Firewall;

public class UfwTests
{
    private static UfwStatus Status(string name) => UfwStatusParser.Parse(FirewallFixtures.Read($"ufw/{name}.txt"));

    [Fact]
    public void Reads_status_default_policy_and_rules()
    {
        var status = Status("active-verbose");

        Assert.True(status.Active);
        Assert.Equal("deny", status.DefaultIncoming);
        Assert.Equal(18, status.Rules.Count);
        Assert.Equal(10, status.Rules.Count(r => !r.Ipv6 && r.Direction == "IN"));
        Assert.Equal(2, status.Rules.Count(r => r.Direction == "OUT"));
        var web = status.Rules[2];
        Assert.Equal(("80,443/tcp", "ALLOW IN", "Anywhere", "ALLOW"), (web.To, web.Action, web.From, web.Verb));
        var interfaceRule = status.Rules[5];
        Assert.Equal(("2201/tcp on eth1", "ALLOW IN"), (interfaceRule.To, interfaceRule.Action));
    }

    [Fact]
    public void Reads_plain_status_and_inactive()
    {
        var plain = Status("plain");
        Assert.Null(plain.DefaultIncoming);
        Assert.Equal(("ALLOW", "IN"), (plain.Rules[0].Action, plain.Rules[0].Direction));
        Assert.False(Status("inactive").Active);
    }

    [Fact]
    public void Refuses_output_without_a_status_line() =>
        Assert.Throws<FormatException>(() => UfwStatusParser.Parse("ERROR: You need to be root to run this script\n"));

    [Theory]
    [InlineData(22, FirewallVerdict.Allowed, "22/tcp ALLOW IN Anywhere")]
    [InlineData(2222, FirewallVerdict.Allowed, "2222/tcp LIMIT IN Anywhere")]
    [InlineData(443, FirewallVerdict.Allowed, "80,443/tcp ALLOW IN Anywhere # web")]
    [InlineData(3050, FirewallVerdict.Dropped, "3000:3100/tcp DENY IN Anywhere")]
    [InlineData(23, FirewallVerdict.Rejected, "23 REJECT IN Anywhere")]
    public void Ipv4_rules_first_match_wins(int port, FirewallVerdict verdict, string decidedBy)
    {
        var decision = UfwEvaluator.EvaluateFamily(Status("active-verbose"), port, ipv6: false);

        Assert.Equal((verdict, decidedBy), (decision.Verdict, decision.DecidedBy));
    }

    [Theory]
    [InlineData(2200, "only for traffic where from 10.0.0.0/8")]
    [InlineData(2201, "only for traffic where arriving on eth1")]
    [InlineData(8080, "only for traffic where from 192.168.1.0/24")]
    public void Rules_for_some_sources_or_interfaces_allow_and_say_for_whom(int port, string note)
    {
        var decision = UfwEvaluator.EvaluateFamily(Status("active-verbose"), port, ipv6: false);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.Contains(decision.Notes, n => n.StartsWith(note, StringComparison.Ordinal));
        Assert.Contains("other traffic: dropped by ufw default deny (incoming)", decision.Notes);
    }

    [Fact]
    public void A_port_open_for_ipv4_only_reads_blocked_for_ipv6()
    {
        var decision = UfwEvaluator.Evaluate(Status("active-verbose"), 2200);

        Assert.Equal(FirewallVerdict.Dropped, decision.Verdict);
        Assert.Equal("IPv6: ufw default deny (incoming)", decision.DecidedBy);
        Assert.Contains(decision.Notes, n => n.StartsWith("IPv4: allowed by 2200/tcp", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_families_open_read_allowed()
    {
        var decision = UfwEvaluator.Evaluate(Status("active-verbose"), 22);

        Assert.Equal(FirewallVerdict.Allowed, decision.Verdict);
        Assert.False(decision.Uncertain);
    }

    [Fact]
    public void Inactive_ufw_filters_nothing() =>
        Assert.Equal(("ufw inactive (it adds no rules)", FirewallVerdict.Allowed), (UfwEvaluator.Evaluate(Status("inactive"), 22).DecidedBy, UfwEvaluator.Evaluate(Status("inactive"), 22).Verdict));

    [Fact]
    public void Without_the_verbose_default_line_the_default_deny_is_assumed_and_said()
    {
        var decision = UfwEvaluator.Evaluate(Status("plain"), 80);

        Assert.Equal(FirewallVerdict.Dropped, decision.Verdict);
        Assert.Equal("ufw default incoming policy (not shown; ufw's default is deny)", decision.DecidedBy);
    }

    [Fact]
    public void Application_profiles_destination_addresses_and_a_reject_default()
    {
        var status = Status("reject-default");

        var ssh = UfwEvaluator.EvaluateFamily(status, 22, ipv6: false);
        Assert.Equal(FirewallVerdict.Allowed, ssh.Verdict);
        Assert.Contains(ssh.Notes, n => n.StartsWith("only for traffic where addressed to 192.0.2.10", StringComparison.Ordinal));

        var web = UfwEvaluator.EvaluateFamily(status, 443, ipv6: false);
        Assert.Equal(("Apache Full ALLOW IN Anywhere", false), (web.DecidedBy, web.Uncertain));

        // An application profile not known here may cover any port.
        var other = UfwEvaluator.EvaluateFamily(status, 9999, ipv6: false);
        Assert.Equal((FirewallVerdict.Allowed, true), (other.Verdict, other.Uncertain));

        Assert.Equal(FirewallVerdict.Rejected, UfwEvaluator.EvaluateFamily(status, 9999, ipv6: true).Verdict);
    }
}
