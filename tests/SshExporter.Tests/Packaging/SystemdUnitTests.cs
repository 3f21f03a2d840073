using System.Globalization;
using System.Text.Json;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// The units of examples/systemd under real systemd (Debian 12's, in <see cref="SystemdContainer"/>): each starts,
/// is ready when systemd says so, runs inside its sandbox, reloads on <c>systemctl reload</c> and stops cleanly.
/// </summary>
[NeedsPodman]
[NeedsExporterBinary]
public class SystemdUnitTests(SystemdContainer container) : IClassFixture<SystemdContainer>
{
    private const string Prober = "ssh-exporter.service";
    private const string Sidecar = "ssh-exporter-sidecar.service";
    private const string NotListening = "127.0.0.1:2222";

    // Capability numbers (linux/capability.h), for the masks of /proc/PID/status.
    private const int DacReadSearch = 2;
    private const int NetAdmin = 12;
    private const int NetRaw = 13;
    private const int SysPtrace = 19;

    private static readonly string[] DropIns = ["firewall.conf", "listener-process.conf"];
    private static readonly TimeSpan ChangeLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_prober_is_ready_when_started_reloads_its_config_and_stops_with_success()
    {
        Podman.Require();
        try
        {
            // Type=notify: start returns once the exporter said READY=1, which it says once it listens.
            await container.EnableNowAsync(Prober);
            Assert.Equal("active", await container.PropertyAsync(Prober, "ActiveState"));
            Assert.Equal("Healthy\n", await container.GetAsync("/-/healthy"));
            string pid = await container.PropertyAsync(Prober, "MainPID");

            var status = await container.MainProcessStatusAsync(Prober);
            Assert.NotEqual("0", status["Uid"].Split('\t')[0]);
            Assert.Equal("0000000000000000", status["CapEff"]);
            Assert.Equal("1", status["NoNewPrivs"]);
            Assert.Equal("2", status["Seccomp"]); // a filter: SystemCallFilter=
            await AssertOwnNamespaceAsync(pid, "mnt"); // ProtectSystem= and friends were applied, not skipped
            await AssertOwnNamespaceAsync(pid, "user"); // PrivateUsers=

            // The shipped config.yml probes sshd on localhost:22.
            Assert.Equal(1, Value(await container.GetAsync("/metrics"), "ssh_probe_success{target=\"localhost:22\"}"));

            await File.WriteAllTextAsync(container.ConfigFile("config.yml"), $"targets:\n  - address: {NotListening}\n", Token);
            await container.ExecCheckedAsync("systemctl", "reload", Prober);
            string reloaded = await MetricsOnceAsync(text => text.Contains($"target=\"{NotListening}\"", StringComparison.Ordinal));
            Assert.DoesNotContain("target=\"localhost:22\"", reloaded, StringComparison.Ordinal);
            Assert.Equal(0, Value(reloaded, $"ssh_probe_success{{target=\"{NotListening}\"}}"));

            await File.WriteAllTextAsync(container.ConfigFile("config.yml"), $"targets:\n  - adress: {NotListening}\n", Token);
            await container.ExecCheckedAsync("systemctl", "reload", Prober);
            await MetricsOnceAsync(text => Value(text, "ssh_exporter_config_last_reload_successful") == 0);
            Assert.Equal(pid, await container.PropertyAsync(Prober, "MainPID")); // reloaded in place, not restarted

            // journald took the priority prefixes as log levels and kept them off the text.
            var reloading = await JournalEntryAsync(Prober, "Reloading configuration (SIGHUP)");
            var rejected = await JournalEntryAsync(Prober, "Rejected the new configuration");
            Assert.Equal(("6", "ssh_exporter"), (reloading.Priority, reloading.Identifier));
            Assert.Equal("3", rejected.Priority);
            Assert.Matches(@"^time=\S+ level=ERROR source=SshExporter\.Config\.ConfigStore msg=", rejected.Message);

            await container.ExecCheckedAsync("systemctl", "stop", Prober);
            await AssertStoppedCleanlyAsync(Prober, pid);
        }
        finally
        {
            await container.ExecAsync("systemctl", "disable", "--now", Prober);
            File.Copy(RepositoryRoot.Combine("examples/systemd/config.yml"), container.ConfigFile("config.yml"), overwrite: true);
        }
    }

    [Fact]
    public async Task The_sidecar_sees_sshd_with_its_one_capability_and_the_drop_ins_add_the_firewall_and_process_names()
    {
        Podman.Require();
        try
        {
            await container.EnableNowAsync(Sidecar);
            var status = await container.MainProcessStatusAsync(Sidecar);
            Assert.Equal((await container.ExecCheckedAsync("id", "-u", "ssh-exporter")).Trim(), status["Uid"].Split('\t')[0]);
            Assert.Equal(CapabilityMask(DacReadSearch), status["CapEff"]);
            Assert.Equal(("1", "2"), (status["NoNewPrivs"], status["Seccomp"]));
            await AssertOwnNamespaceAsync(await container.PropertyAsync(Sidecar, "MainPID"), "mnt");

            string metrics = await container.GetAsync("/metrics");
            foreach (string series in new[]
            {
                "sshd_service_active", "sshd_config_valid", "sshd_host_key_present{type=\"rsa\"}",
                "sshd_host_key_present{type=\"ecdsa\"}", "sshd_host_key_present{type=\"ed25519\"}",
                "sshd_listener_up{port=\"22\"}", "sshd_local_probe_success{port=\"22\"}",
                "sshd_listener_info{port=\"22\",address=\"0.0.0.0\",process=\"\"}",
            })
            {
                Assert.True(Value(metrics, series) == 1, $"{series} is not 1:\n{metrics}");
            }

            Assert.Equal(0, Value(metrics, "sshd_check_success{check=\"firewall_nftables\"}"));
            // Asked over D-Bus, which dbus-daemon would refuse a DynamicUser=, not read from sshd's PidFile.
            Assert.Contains("systemd: ssh.service is active", await container.GetAsync("/sidecar"), StringComparison.Ordinal);

            // Both firewalls block port 22 from outside, each in its own way, and the loopback probe still passes.
            await container.ExecCheckedAsync("nft", "add table inet filter ; add chain inet filter input { type filter hook input priority 0 ; }");
            await container.ExecCheckedAsync("nft", "add rule inet filter input iifname != lo tcp dport 22 drop");
            await container.ExecCheckedAsync("iptables-legacy", "-A", "INPUT", "!", "-i", "lo", "-p", "tcp", "--dport", "22", "-j", "REJECT");
            await container.ExecCheckedAsync("mkdir", "-p", SystemdContainer.DropInDirectory);
            await container.ExecCheckedAsync(["cp", .. DropIns.Select(d => $"{SystemdContainer.DropInSource}/{d}"), SystemdContainer.DropInDirectory]);
            await container.ExecCheckedAsync("systemctl", "daemon-reload");
            await container.ExecCheckedAsync("systemctl", "restart", Sidecar);
            string pid = await container.PropertyAsync(Sidecar, "MainPID");
            Assert.Equal(CapabilityMask(DacReadSearch, NetAdmin, NetRaw, SysPtrace), (await container.MainProcessStatusAsync(Sidecar))["CapAmb"]);

            string withDropIns = await container.GetAsync("/metrics");
            Assert.Equal(0, Value(withDropIns, "sshd_firewall_port_allowed{backend=\"nftables\",port=\"22\"}"));
            Assert.Equal(0, Value(withDropIns, "sshd_firewall_port_allowed{backend=\"iptables\",port=\"22\"}")); // legacy tables: CAP_NET_RAW
            Assert.Equal(1, Value(withDropIns, "sshd_firewall_port_allowed{backend=\"ip6tables\",port=\"22\"}"));
            Assert.Equal(1, Value(withDropIns, "sshd_listener_info{port=\"22\",address=\"0.0.0.0\",process=\"sshd\"}"));
            Assert.Equal(1, Value(withDropIns, "sshd_local_probe_success{port=\"22\"}"));

            await container.ExecCheckedAsync("systemctl", "reload", Sidecar);
            await JournalEntryAsync(Sidecar, "Reloading configuration (SIGHUP)");
            await container.ExecCheckedAsync("systemctl", "stop", Sidecar);
            await AssertStoppedCleanlyAsync(Sidecar, pid);
        }
        finally
        {
            await container.ExecAsync("systemctl", "disable", "--now", Sidecar);
            await container.ExecAsync("rm", "-rf", SystemdContainer.DropInDirectory);
            await container.ExecAsync("systemctl", "daemon-reload");
            await container.ExecAsync("nft", "flush", "ruleset");
            await container.ExecAsync("iptables-legacy", "-F", "INPUT");
        }
    }

    [Fact]
    public async Task Systemd_analyze_verify_finds_nothing_to_say_about_the_units_and_drop_ins()
    {
        Podman.Require();
        try
        {
            await container.ExecCheckedAsync("mkdir", "-p", SystemdContainer.DropInDirectory);
            await container.ExecCheckedAsync(["cp", .. DropIns.Select(d => $"{SystemdContainer.DropInSource}/{d}"), SystemdContainer.DropInDirectory]);

            // Here the binary exists where ExecStart= says, as verify insists, and the drop-ins are read too.
            var verify = await container.ExecAsync("systemd-analyze", "verify", Prober, Sidecar);

            Assert.True(verify is { ExitCode: 0, Stdout: "", Stderr: "" }, verify.ToString());
        }
        finally
        {
            await container.ExecAsync("rm", "-rf", SystemdContainer.DropInDirectory);
        }
    }

    /// <summary>A capability set as /proc/PID/status prints it.</summary>
    private static string CapabilityMask(params int[] capabilities) =>
        capabilities.Aggregate(0UL, (mask, capability) => mask | (1UL << capability)).ToString("x16", CultureInfo.InvariantCulture);

    private async Task AssertOwnNamespaceAsync(string pid, string kind)
    {
        string service = await container.ExecCheckedAsync("readlink", $"/proc/{pid}/ns/{kind}");
        string manager = await container.ExecCheckedAsync("readlink", $"/proc/1/ns/{kind}");
        Assert.NotEqual(manager, service);
    }

    /// <summary>
    /// After a stop the unit is still loaded (it is enabled), so systemd still shows how its last main process ended:
    /// exited on its own (code 1, CLD_EXITED) with status 0, not killed.
    /// </summary>
    private async Task AssertStoppedCleanlyAsync(string unit, string pid)
    {
        string shown = await container.ExecCheckedAsync("systemctl", "show", "-p", "ActiveState,Result,ExecMainPID,ExecMainCode,ExecMainStatus", unit);
        var properties = shown.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.True(
            properties["ActiveState"] == "inactive" && properties["Result"] == "success" && properties["ExecMainPID"] == pid
                && properties["ExecMainCode"] == "1" && properties["ExecMainStatus"] == "0",
            $"{unit} did not end cleanly:\n{shown}");
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds: a reload by signal takes effect after systemctl returns.</summary>
    private async Task<string> MetricsOnceAsync(Func<string, bool> condition)
    {
        string text = "";
        bool seen = await Poll.UntilAsync(async () => condition(text = await container.GetAsync("/metrics")), ChangeLimit, Token);
        Assert.True(seen, $"/metrics never showed the change:\n{text}");
        return text;
    }

    private sealed record JournalEntry(string Priority, string Identifier, string Message);

    /// <summary>The unit's last journal entry whose message contains <paramref name="text"/>; waits for journald to have it.</summary>
    private async Task<JournalEntry> JournalEntryAsync(string unit, string text)
    {
        JournalEntry? found = null;
        string journal = "";
        await Poll.UntilAsync(
            async () =>
            {
                journal = await container.ExecCheckedAsync("journalctl", "--unit", unit, "--output", "json", "--no-pager");
                found = journal.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(ParseJournalLine)
                    .LastOrDefault(entry => entry.Message.Contains(text, StringComparison.Ordinal));
                return found is not null;
            },
            ChangeLimit,
            Token);
        Assert.True(found is not null, $"no journal entry of {unit} says '{text}':\n{journal}");
        return found;
    }

    private static JournalEntry ParseJournalLine(string line)
    {
        using var entry = JsonDocument.Parse(line);
        string Field(string name) => entry.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        return new JournalEntry(Field("PRIORITY"), Field("SYSLOG_IDENTIFIER"), Field("MESSAGE"));
    }
}
