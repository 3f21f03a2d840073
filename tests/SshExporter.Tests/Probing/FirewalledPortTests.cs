using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Probing;

/// <summary>
/// Faults that loopback alone cannot produce (no answer to a SYN, an ICMP unreachable, a name that does not
/// resolve), made with firewall rules in a network namespace of the test's own. The exporter's probe command
/// runs inside the namespace as a separate process; the test reads the metrics it prints.
/// </summary>
[NeedsNetns, NeedsSshd]
[NeedsExporterBinary]
public class FirewalledPortTests
{
    // Any port will do: the namespace is new, so nothing else listens or filters there.
    private const int Port = 2222;
    private static readonly string Target = $"127.0.0.1:{Port}";

    [Fact]
    public async Task A_port_whose_SYNs_are_dropped_is_connect_timeout_after_the_module_timeout()
    {
        await using var netns = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken);
        await netns.AddTcpInputRuleAsync(Port, "DROP", TestContext.Current.CancellationToken);

        var probe = await ProbeCli.RunInsideAsync(netns, Target, TestContext.Current.CancellationToken);

        Assert.Equal(1, probe.Run.ExitCode);
        Assert.Equal(["connect_timeout"], probe.OutcomesSet);
        Assert.Equal(1, probe.Value("ssh_connection_timeout"));
        Assert.Equal(0, probe.Value("ssh_connection_refused"));
        Assert.Equal(ProbeCli.ModuleTimeout.TotalSeconds, probe.Value("ssh_probe_timeout_seconds"));
        Assert.InRange(probe.Value("ssh_probe_duration_seconds") ?? 0, ProbeCli.ModuleTimeout.TotalSeconds * 0.9, ProbeCli.ModuleTimeout.TotalSeconds + 0.5);
    }

    [Fact]
    public async Task A_port_rejected_with_icmp_host_unreachable_is_unreachable()
    {
        await using var netns = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken);
        await netns.AddTcpInputRuleAsync(Port, "REJECT --reject-with icmp-host-unreachable", TestContext.Current.CancellationToken);

        var probe = await ProbeCli.RunInsideAsync(netns, Target, TestContext.Current.CancellationToken);

        Assert.Equal(1, probe.Run.ExitCode);
        Assert.Equal(["unreachable"], probe.OutcomesSet);
        Assert.Equal(0, probe.Value("ssh_connection_timeout"));
        Assert.Equal(0, probe.Value("ssh_connection_refused"));
    }

    [Fact]
    public async Task A_port_rejected_with_a_tcp_reset_is_refused()
    {
        await using var netns = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken);
        await netns.AddTcpInputRuleAsync(Port, "REJECT --reject-with tcp-reset", TestContext.Current.CancellationToken);

        var probe = await ProbeCli.RunInsideAsync(netns, Target, TestContext.Current.CancellationToken);

        Assert.Equal(1, probe.Run.ExitCode);
        Assert.Equal(["refused"], probe.OutcomesSet);
        Assert.Equal(1, probe.Value("ssh_connection_refused"));
        Assert.Equal(0, probe.Value("ssh_connection_timeout"));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_dns_error()
    {
        // The namespace's resolv.conf names only its own loopback, where no DNS server listens; and .invalid
        // (RFC 6761) is a name that no resolver, local cache or real DNS, may ever answer.
        await using var netns = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken);

        var probe = await ProbeCli.RunInsideAsync(netns, "no-such-host.invalid:22", TestContext.Current.CancellationToken);

        Assert.Equal(1, probe.Run.ExitCode);
        Assert.Equal(["dns_error"], probe.OutcomesSet);
        Assert.Equal(0, probe.Value("ssh_probe_ip_protocol"));
    }

    /// <summary>The harness itself: without this, every test above could pass on a namespace where nothing connects.</summary>
    [Fact]
    public async Task An_sshd_inside_the_namespace_is_a_success()
    {
        await using var netns = await NetworkNamespace.CreateAsync(TestContext.Current.CancellationToken);
        await using var sshd = await SshdFixture.StartAsync(netns, [], TestContext.Current.CancellationToken);

        var probe = await ProbeCli.RunInsideAsync(netns, sshd.Target, TestContext.Current.CancellationToken);

        Assert.True(probe.Run.ExitCode == 0, probe.Run.ToString());
        Assert.Equal(["success"], probe.OutcomesSet);
        Assert.Equal(1, probe.Value("ssh_probe_success"));
        Assert.Equal(1, probe.Value("ssh_banner_received"));
        Assert.Equal(4, probe.Value("ssh_probe_ip_protocol"));
        Assert.Contains(probe.Samples.Keys, series => series.StartsWith("ssh_banner_info{", StringComparison.Ordinal) && series.Contains("software_version=\"OpenSSH_", StringComparison.Ordinal));
    }
}
