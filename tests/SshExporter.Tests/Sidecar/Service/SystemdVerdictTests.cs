using SshExporter.Sidecar.Service;

namespace SshExporter.Tests.Sidecar.Service;

/// <summary>
/// Deciding from systemctl's text. This machine has no systemd, so the inputs are the text systemctl prints
/// for <c>is-active</c> and <c>show -p LoadState,ActiveState,SubState</c> with the four units
/// ssh.service, ssh.socket, sshd.service, sshd.socket, in that order.
/// </summary>
public class SystemdVerdictTests
{
    // Ubuntu 24.04 after boot: ssh.socket holds port 22, ssh.service waits for the first client.
    // sshd.service is an alias of ssh.service there; sshd.socket does not exist.
    private const string UbuntuSocketActivatedShow = """
        LoadState=loaded
        ActiveState=inactive
        SubState=dead

        LoadState=loaded
        ActiveState=active
        SubState=listening

        LoadState=loaded
        ActiveState=inactive
        SubState=dead

        LoadState=not-found
        ActiveState=inactive
        SubState=dead

        """;

    private const string UbuntuSocketActivatedIsActive = "inactive\nactive\ninactive\ninactive\n";

    [Fact]
    public void Show_output_is_one_block_per_unit_in_argument_order()
    {
        List<SystemdUnitState> units = SystemctlOutput.ParseShow(UbuntuSocketActivatedShow);

        Assert.Equal(
            [
                new SystemdUnitState("loaded", "inactive", "dead"),
                new SystemdUnitState("loaded", "active", "listening"),
                new SystemdUnitState("loaded", "inactive", "dead"),
                new SystemdUnitState("not-found", "inactive", "dead"),
            ],
            units);
    }

    [Fact]
    public void Show_output_tolerates_crlf_and_any_property_order()
    {
        List<SystemdUnitState> units = SystemctlOutput.ParseShow("SubState=running\r\nActiveState=active\r\nLoadState=loaded\r\n");

        Assert.Equal([new SystemdUnitState("loaded", "active", "running")], units);
    }

    [Fact]
    public void Is_active_output_is_one_word_per_unit() =>
        Assert.Equal(["inactive", "active", "inactive", "inactive"], SystemctlOutput.ParseIsActive(UbuntuSocketActivatedIsActive));

    [Fact]
    public void A_listening_ssh_socket_counts_as_running_when_ssh_service_is_inactive()
    {
        ServiceReport report = Decide(UbuntuSocketActivatedIsActive, UbuntuSocketActivatedShow)!;

        Assert.True(report.Active);
        Assert.Equal(ServiceMethod.SystemdSocket, report.Method);
        Assert.Equal("systemd-socket", report.Method.ToLabel());
        Assert.Equal(
            "ssh.service is inactive (dead), but ssh.socket is active (listening): socket activation, systemd starts sshd for each connection",
            report.Detail);
    }

    [Fact]
    public void A_running_ssh_service_decides_on_debian()
    {
        ServiceReport report = Decide(
            "active\ninactive\nactive\ninactive\n",
            Show(("loaded", "active", "running"), ("loaded", "inactive", "dead"), ("loaded", "active", "running"), ("not-found", "inactive", "dead")))!;

        Assert.True(report.Active);
        Assert.Equal(ServiceMethod.Systemd, report.Method);
        Assert.Equal("ssh.service is active (running)", report.Detail);
    }

    [Fact]
    public void Sshd_service_decides_where_ssh_service_does_not_exist()
    {
        ServiceReport report = Decide(
            "inactive\ninactive\nactive\ninactive\n",
            Show(("not-found", "inactive", "dead"), ("not-found", "inactive", "dead"), ("loaded", "active", "running"), ("not-found", "inactive", "dead")))!;

        Assert.True(report.Active);
        Assert.Equal("sshd.service is active (running)", report.Detail);
    }

    [Fact]
    public void A_failed_service_with_no_socket_is_not_running_and_says_so()
    {
        ServiceReport report = Decide(
            "failed\ninactive\nfailed\ninactive\n",
            Show(("loaded", "failed", "failed"), ("loaded", "inactive", "dead"), ("loaded", "failed", "failed"), ("not-found", "inactive", "dead")))!;

        Assert.False(report.Active);
        Assert.True(report.Status.CouldRun);
        Assert.Equal(ServiceMethod.Systemd, report.Method);
        Assert.Equal("ssh.service is failed (failed); ssh.socket is inactive (dead); sshd.service is failed (failed)", report.Detail);
    }

    [Fact]
    public void A_service_restarting_in_a_loop_is_not_running()
    {
        ServiceReport report = Decide(
            "activating\ninactive\nactivating\ninactive\n",
            Show(("loaded", "activating", "auto-restart"), ("loaded", "inactive", "dead"), ("loaded", "activating", "auto-restart"), ("not-found", "inactive", "dead")))!;

        Assert.False(report.Active);
        Assert.StartsWith("ssh.service is activating (auto-restart)", report.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_verdict_when_systemd_knows_none_of_the_units()
    {
        (string, string, string) missing = ("not-found", "inactive", "dead");

        Assert.Null(Decide("inactive\ninactive\ninactive\ninactive\n", Show(missing, missing, missing, missing)));
    }

    [Theory]
    [InlineData("ssh.service", "ssh.socket")]
    [InlineData("sshd.service", "sshd.socket")]
    [InlineData("sshd", "sshd.socket")]
    public void The_socket_unit_is_the_service_units_twin(string service, string socket) =>
        Assert.Equal(socket, SystemdVerdict.SocketUnitOf(service));

    [Theory]
    [InlineData("ssh.service", true)]
    [InlineData("sshd@1-127.0.0.1:22.service", true)]
    [InlineData("--host=evil", false)]
    [InlineData("ssh service", false)]
    [InlineData("", false)]
    public void Unit_names_that_systemctl_would_read_as_options_are_refused(string name, bool valid) =>
        Assert.Equal(valid, SystemdProbe.IsValidUnitName(name));

    private static readonly string[] Names = ["ssh.service", "ssh.socket", "sshd.service", "sshd.socket"];

    private static ServiceReport? Decide(string isActive, string show)
    {
        List<string> states = SystemctlOutput.ParseIsActive(isActive);
        List<SystemdUnitState> properties = SystemctlOutput.ParseShow(show);
        SystemdUnit Unit(int i) => new(Names[i], states[i], properties[i]);
        return SystemdVerdict.Decide([(Unit(0), Unit(1)), (Unit(2), Unit(3))]);
    }

    private static string Show(params (string Load, string Active, string Sub)[] units) =>
        string.Join("\n", units.Select(u => $"LoadState={u.Load}\nActiveState={u.Active}\nSubState={u.Sub}\n"));
}
