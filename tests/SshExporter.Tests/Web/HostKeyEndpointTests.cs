using SshExporter.Tests.Fixtures;
using SshExporter.Tests.Probing.HostKey;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Web;

/// <summary>
/// The host key stage through the running exporter: a <c>/metrics</c> target's own fingerprints and the module's
/// known_hosts both pin it, <c>/probe</c> takes the known_hosts file's, the debug report says what happened, and
/// <c>/config</c> shows the section.
/// </summary>
[NeedsSshd]
public class HostKeyEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_targets_are_pinned_by_their_fingerprints_or_by_known_hosts_and_probe_by_known_hosts()
    {
        using var files = new TempDirectory();
        await using var sshd = await SshdFixture.StartAsync(Token);
        var key = await TestHostKey.OfAsync(sshd.HostKeyFiles[0]);
        var stranger = await TestHostKey.CreateAsync(files.PathOf("stranger"), "ed25519");
        string knownHosts = files.Write("known_hosts", $"[127.0.0.1]:{sshd.Port} {key.PublicKeyLine}\n");
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig($"""
            modules:
              keys:
                timeout: 5s
                host_key:
                  known_hosts: {knownHosts}
              unpinned:
                host_key: {'{'}{'}'}
            targets:
              - address: {sshd.Target}
                module: unpinned
                labels: {'{'}pin: own{'}'}
                host_key_fingerprints: ['{stranger.Fingerprint}']
              - address: {sshd.Target}
                module: keys
                labels: {'{'}pin: known_hosts{'}'}
              - address: {sshd.Target}
                module: unpinned
                labels: {'{'}pin: none{'}'}
            """));

        string metrics = await exporter.GetTextAsync("/metrics");
        string probe = await exporter.GetTextAsync($"/probe?module=keys&target={sshd.Target}");
        string debug = await exporter.GetTextAsync($"/probe?module=keys&target={sshd.Target}&debug=true");
        string config = await exporter.GetTextAsync("/config");

        string Series(string name, string pin) => $"{name}{{target=\"{sshd.Target}\",pin=\"{pin}\"}}";
        Assert.Equal(0, Value(metrics, Series("ssh_host_key_pin_matches", "own")));
        Assert.Equal(0, Value(metrics, Series("ssh_probe_success", "own")));
        Assert.Equal(1, Value(metrics, Series("ssh_host_key_pin_matches", "known_hosts")));
        Assert.Equal(1, Value(metrics, Series("ssh_probe_success", "known_hosts")));
        Assert.DoesNotContain(Parse(metrics), s => s.Name == "ssh_host_key_pin_matches" && s.Label("pin") == "none");
        Assert.All(Parse(metrics).Where(s => s.Name == "ssh_host_key_received"), s => Assert.Equal(1, s.Value));
        Assert.Equal(1, Value(metrics, $"ssh_host_key_info{{target=\"{sshd.Target}\",pin=\"none\",type=\"ssh-ed25519\",fingerprint_sha256=\"{key.Fingerprint}\"}}"));
        Assert.Equal(1, Value(probe, "ssh_host_key_pin_matches"));
        Assert.Equal(1, Value(probe, "ssh_probe_success"));
        Assert.Contains($"Host key: ssh-ed25519 {key.Fingerprint}, its signature over the exchange hash verified", debug, StringComparison.Ordinal);
        Assert.Contains($"Host key: matches the pin of {knownHosts}:1", debug, StringComparison.Ordinal);
        Assert.Contains($"known_hosts: {knownHosts}", debug, StringComparison.Ordinal);
        Assert.Contains($"- {stranger.Fingerprint}", config, StringComparison.Ordinal);
        Assert.Contains("host_key:", config, StringComparison.Ordinal);
    }
}
