using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SshExporter.Config;
using SshExporter.Tests.Alerting;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// The images of the project's own Dockerfile (<see cref="ContainerImages"/>), run under podman as a cluster runs
/// them: the root filesystem read-only with no tmpfs, the image's own user, stopped with SIGTERM. Each container
/// joins a network namespace of the test's own, where a real sshd listens on the loopback and the exporter on its
/// default port, and the test reaches it through a socat relay.
/// </summary>
[NeedsNetns, NeedsPodman, NeedsSshd, NeedsTool("socat")]
public sealed class ContainerImageTests : IClassFixture<ContainerImages>
{
    private const int ExporterPort = 9722;
    private const string ConfigFile = "/etc/ssh-exporter/config.yml";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    /// <summary>A read-only root filesystem without the tmpfs podman would mount on /tmp, /run and /var/tmp: nothing may need to write.</summary>
    private static readonly string[] Hardened = ["--read-only", "--read-only-tmpfs=false"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_exporter_image_runs_its_binary_as_user_1654_with_the_example_config_and_a_health_check()
    {
        ContainerImages.Require();
        using var image = await InspectImageAsync(ContainerImages.ExporterTag);
        var root = image.RootElement;

        // Numeric, so that Kubernetes' runAsNonRoot can tell that it is not root without a passwd file.
        Assert.Equal("1654:1654", root.GetProperty("User").GetString());
        var config = root.GetProperty("Config");
        Assert.Equal(["/app/ssh_exporter"], Strings(config.GetProperty("Entrypoint")));
        Assert.Equal([$"--config.file={ConfigFile}"], Strings(config.GetProperty("Cmd")));
        Assert.Equal(["CMD", "/app/ssh_exporter", "healthcheck"], Strings(root.GetProperty("Healthcheck").GetProperty("Test")));
        Assert.True(config.GetProperty("ExposedPorts").TryGetProperty($"{ExporterPort}/tcp", out _), config.ToString());
        Assert.Contains("DOTNET_EnableDiagnostics=0", Strings(config.GetProperty("Env")));
        AssertLabels(root, "ssh-exporter");
    }

    [Fact]
    public async Task The_sidecar_image_runs_the_same_binary_as_root_with_the_sidecar_example_config()
    {
        ContainerImages.Require();
        using var image = await InspectImageAsync(ContainerImages.SidecarTag);
        var root = image.RootElement;

        Assert.Equal("0:0", root.GetProperty("User").GetString());
        var config = root.GetProperty("Config");
        Assert.Equal(["/app/ssh_exporter"], Strings(config.GetProperty("Entrypoint")));
        Assert.Equal([$"--config.file={ConfigFile}"], Strings(config.GetProperty("Cmd")));
        Assert.Equal(["CMD", "/app/ssh_exporter", "healthcheck"], Strings(root.GetProperty("Healthcheck").GetProperty("Test")));
        AssertLabels(root, "ssh-exporter (sidecar)");
    }

    [Fact]
    public async Task The_exporter_image_holds_the_native_binary_and_libsodium_without_assemblies_or_debug_symbols()
    {
        ContainerImages.Require();
        await using var container = await RunningContainer.StartAsync(["--network=none", .. Hardened], ContainerImages.ExporterTag, [], Token);
        using var copy = new TempDirectory();
        await Podman.RunCheckedAsync(["cp", $"{container.Name}:/app", copy.Path], TimeSpan.FromSeconds(60), Token);

        // The Native AOT publish: no .dll for a .NET runtime to load (the base image has none), and the
        // ssh_exporter.dbg symbols, as large as the binary, left in the build stage.
        string[] files = [.. Directory.GetFiles(Path.Combine(copy.Path, "app")).Select(f => Path.GetFileName(f))];
        Assert.Contains("ssh_exporter", files);
        Assert.Contains("libsodium.so", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".dbg", StringComparison.Ordinal));
    }

    [Fact]
    public void The_example_configs_the_images_ship_load_as_docs_container_md_describes_them()
    {
        var exporter = ConfigLoader.LoadFile(RepositoryRoot.Combine("examples/container/config.yml"));
        Assert.Empty(exporter.Targets);
        Assert.False(exporter.Sidecar.Enabled);

        var sidecar = ConfigLoader.LoadFile(RepositoryRoot.Combine("examples/container/sidecar.yml")).Sidecar;
        Assert.True(sidecar.Enabled);
        Assert.Equal(("/host", "/host/proc", "/etc/ssh/sshd_config", "/usr/sbin/sshd"), (sidecar.RootFs, sidecar.ProcFs, sidecar.SshdConfig, sidecar.SshdBinary));
    }

    [Fact]
    public async Task Read_only_and_as_its_own_user_the_exporter_answers_health_metrics_and_a_probe_of_a_real_sshd_and_stops_with_exit_code_0()
    {
        ContainerImages.Require();
        await using var network = await NetworkNamespace.CreateAsync(Token);
        await using var sshd = await SshdFixture.StartAsync(network, [], Token);
        using var sockets = new TempDirectory();
        // The image's own user and command, unchanged.
        await using var container = await RunningContainer.StartAsync([$"--network=ns:/run/netns/{network.Name}", .. Hardened], ContainerImages.ExporterTag, [], Token);
        await using var client = await NamespaceHttpClient.StartAsync(network, ExporterPort, sockets.PathOf("exporter.sock"), Token);

        var healthy = await HttpAnswer.GetPatientlyAsync(client.Http, "/-/healthy", StartLimit, Token);
        Assert.True(healthy.Status == 200, $"{healthy}\n--- container log\n{await container.LogsAsync(Token)}");
        Assert.Equal(1654, await ProcessUidAsync(container));

        var metrics = await HttpAnswer.GetAsync(client.Http, "/metrics", Token);
        Assert.True(metrics.Status == 200, metrics.ToString());
        Assert.Contains($$"""ssh_exporter_build_info{version="{{ProjectVersion.Value}}",""", metrics.Body, StringComparison.Ordinal);

        var probe = await HttpAnswer.GetAsync(client.Http, $"/probe?target={sshd.Target}", Token);
        Assert.True(probe.Status == 200, probe.ToString());
        Assert.True(Value(probe.Body, "ssh_probe_success") == 1, $"{probe}\n--- sshd\n{sshd.Diagnostics()}");
        Assert.Matches("""(?m)^ssh_banner_info\{.*software_version="OpenSSH_""", probe.Body);

        // The image's HEALTHCHECK, the exporter's own healthcheck command: the image has no shell or curl.
        var check = await Podman.RunAsync(["healthcheck", "run", container.Name], StartLimit, Token);
        Assert.True(check.ExitCode == 0, $"podman healthcheck run: {check}");

        Assert.Equal(0, await container.StopAsync(Token));
        string log = await container.LogsAsync(Token);
        Assert.Contains($"Loaded configuration from {ConfigFile}: 2 modules, 0 targets", log, StringComparison.Ordinal);
        Assert.Contains($"listening on http://[::]:{ExporterPort}", log, StringComparison.Ordinal);
        // Nothing to complain about: a read-only file system it wanted to write, a base image's port it overrode.
        Assert.DoesNotMatch(new Regex(@"(?m)^time=\S+ level=(WARN|ERROR) "), log);
    }

    [Fact]
    public async Task The_sidecar_image_with_sshds_files_mounted_runs_every_check_against_a_real_sshd_with_only_the_capabilities_docs_name()
    {
        ContainerImages.Require();
        await using var network = await NetworkNamespace.CreateAsync(Token);
        await using var sshd = await SshdFixture.StartAsync(network, [], Token);
        using var directory = new TempDirectory();
        // sshd's files at the same path as for sshd, as a container in sshd's pod mounts its /etc/ssh.
        string config = directory.Write("config.yml", $"""
            modules:
              default:
                timeout: 5s
            sidecar:
              enabled: true
              sshd_config: {sshd.ConfigPath}
            """);
        await using var container = await RunningContainer.StartAsync(
        [
            $"--network=ns:/run/netns/{network.Name}", "--pid=host", .. Hardened,
            "--cap-drop=ALL", "--cap-add=NET_ADMIN,SYS_PTRACE",
            "--volume", $"{sshd.RootDirectory}:{sshd.RootDirectory}:ro",
            "--volume", $"{config}:{config}:ro",
        ], ContainerImages.SidecarTag, [$"--config.file={config}"], Token);
        await using var client = await NamespaceHttpClient.StartAsync(network, ExporterPort, directory.PathOf("exporter.sock"), Token);

        var metrics = await HttpAnswer.GetPatientlyAsync(client.Http, "/metrics", StartLimit, Token);
        Assert.True(metrics.Status == 200, $"{metrics}\n--- container log\n{await container.LogsAsync(Token)}");
        string port = sshd.Port.ToString(CultureInfo.InvariantCulture);
        var checks = Parse(metrics.Body).Where(s => s.Name == "sshd_check_success").ToList();
        string sidecar = (await HttpAnswer.GetAsync(client.Http, "/sidecar", Token)).Body;
        // service, config, config_valid (the image's sshd -t), host_keys, listener, firewall, local_probe, and the
        // iptables, ip6tables and nftables tools the image ships.
        Assert.True(checks.Count == 10 && checks.All(s => s.Value == 1), $"checks that could not look:\n{sidecar}");
        Assert.Equal(1, Value(metrics.Body, "sshd_config_valid"));
        Assert.Equal(1, Value(metrics.Body, $$"""sshd_listener_info{port="{{port}}",address="127.0.0.1",process="sshd"}"""));
        Assert.Equal(1, Value(metrics.Body, $$"""sshd_firewall_port_allowed{backend="nftables",port="{{port}}"}"""));
        Assert.Equal(1, Value(metrics.Body, $$"""sshd_local_probe_success{port="{{port}}"}"""));

        Assert.Equal(0, await container.StopAsync(Token));
    }

    private static async Task<JsonDocument> InspectImageAsync(string tag)
    {
        string json = await Podman.RunCheckedAsync(["image", "inspect", tag], TimeSpan.FromSeconds(60), Token);
        using var all = JsonDocument.Parse(json);
        return JsonDocument.Parse(all.RootElement[0].GetRawText());
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static void AssertLabels(JsonElement image, string title)
    {
        var labels = image.GetProperty("Labels");
        string Label(string name) => labels.TryGetProperty($"org.opencontainers.image.{name}", out var value) ? value.GetString()! : $"(no {name} label)";
        Assert.Equal(title, Label("title"));
        Assert.Equal("Apache-2.0", Label("licenses"));
        Assert.Equal("https://github.com/ssh-exporter/ssh-exporter", Label("source"));
        Assert.NotEmpty(Label("description"));
        // The Dockerfile's VERSION default and the program's own version must be raised together.
        Assert.Equal(ProjectVersion.Value, Label("version"));
    }

    /// <summary>The uid the container's program runs as, from its status in this machine's /proc.</summary>
    private static async Task<int> ProcessUidAsync(RunningContainer container)
    {
        string pid = await container.InspectAsync("{{.State.Pid}}", Token);
        string status = await File.ReadAllTextAsync($"/proc/{pid}/status", Token);
        var uid = Regex.Match(status, @"(?m)^Uid:\s+(\d+)");
        Assert.True(uid.Success, status);
        return int.Parse(uid.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
