using System.Runtime.InteropServices;
using SshExporter.Tests.Fixtures;
using Xunit.Sdk;

namespace SshExporter.Tests.Packaging;

/// <summary>
/// A Debian bookworm container whose process 1 is systemd, with sshd running under it, set up the way
/// examples/systemd/README.md installs the exporter: the build output at /opt/ssh-exporter, the .NET runtime at
/// /usr/share/dotnet, the units in /etc/systemd/system, the sidecar's user from its sysusers.d file (created at boot),
/// the configuration in /etc/ssh-exporter. Started once for every test of <see cref="SystemdUnitTests"/>, which run
/// one after another; each test leaves the units as it found them.
/// </summary>
public sealed class SystemdContainer : IAsyncLifetime
{
    /// <summary>Both units listen on the exporter's default port, inside the container's own network namespace.</summary>
    public const string ExporterUrl = "http://127.0.0.1:9722";

    /// <summary>Where the sidecar's drop-ins wait, read-only, for a test to install them.</summary>
    public const string DropInSource = "/usr/local/share/ssh-exporter/ssh-exporter-sidecar.service.d";

    /// <summary>Where README.md installs them.</summary>
    public const string DropInDirectory = "/etc/systemd/system/ssh-exporter-sidecar.service.d";

    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);

    /// <summary>Well under systemd's own TimeoutStartSec= (90 s), so a unit that never says READY=1 fails here first.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    // libstdc++6 for the .NET runtime; openssh-server for the sidecar to look at; nftables and iptables for its
    // firewall check; curl to read the exporter from inside the container.
    private static readonly string[] Packages =
        ["systemd", "systemd-sysv", "dbus", "libstdc++6", "openssh-server", "curl", "nftables", "iptables"];

    // Without CAP_SYS_ADMIN systemd cannot set up the units' mount namespaces: taking itself for a container's guest,
    // it runs the sidecar unsandboxed ("ignoring namespace setup"), and the prober's ExecReload= fails (226/NAMESPACE).
    // It needs CAP_SYS_PTRACE to map a PrivateUsers= service's user while ProtectProc= hides that service's /proc. The
    // others are what the sidecar and its drop-ins hand on: no unit can give a capability its manager lacks.
    private static readonly string[] Capabilities = ["SYS_ADMIN", "SYS_PTRACE", "DAC_READ_SEARCH", "NET_ADMIN", "NET_RAW"];

    private readonly TempDirectory _config = new();
    private string? _name;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The host's side of /etc/ssh-exporter: a test rewrites a file here, then reloads the unit.</summary>
    public string ConfigFile(string name) => Path.Combine(_config.Path, name);

    public async ValueTask InitializeAsync()
    {
        try
        {
            Podman.Require();
        }
        catch (SkipException)
        {
            return; // every test skips with the reason, from its own call of Podman.Require
        }

        try
        {
            await StartAsync();
        }
        catch (Exception e)
        {
            await Cleanup.AfterFailureAsync(e, this);
            throw;
        }
    }

    /// <summary>Runs a command in the container as root, to completion.</summary>
    public Task<ExternalCommand.Result> ExecAsync(params string[] command) =>
        Podman.RunAsync(["exec", _name!, .. command], CommandLimit, Token);

    /// <summary>Runs a command in the container and fails the test, showing its output, unless it exits 0; returns its stdout.</summary>
    public async Task<string> ExecCheckedAsync(params string[] command)
    {
        var result = await ExecAsync(command);
        Assert.True(result.ExitCode == 0, $"`{string.Join(' ', command)}` in the container failed: {result}");
        return result.Stdout;
    }

    /// <summary>
    /// <c>systemctl enable --now</c>, as README.md installs a unit: with Type=notify it returns once the exporter said
    /// READY=1. Fails the test, showing the unit's journal, when the start fails or never ends.
    /// </summary>
    public async Task EnableNowAsync(string unit)
    {
        string problem;
        try
        {
            var start = await Podman.RunAsync(["exec", _name!, "systemctl", "enable", "--now", unit], StartLimit, Token);
            if (start.ExitCode == 0)
            {
                return;
            }

            problem = start.ToString();
        }
        catch (TimeoutException e)
        {
            problem = $"{e.Message} (no READY=1?)";
        }

        Assert.Fail($"{unit} did not start: {problem}\n{(await ExecAsync("journalctl", "--unit", unit, "--lines", "30", "--no-pager")).Stdout}");
    }

    /// <summary>GETs a path of the exporter running in the container; fails the test unless it answers 2xx.</summary>
    public Task<string> GetAsync(string path) => ExecCheckedAsync("curl", "-sS", "--fail", "--max-time", "20", ExporterUrl + path);

    /// <summary>One property of a unit, as <c>systemctl show -p NAME --value</c> prints it.</summary>
    public async Task<string> PropertyAsync(string unit, string property) =>
        (await ExecCheckedAsync("systemctl", "show", "-p", property, "--value", unit)).Trim();

    /// <summary>The lines of <c>/proc/PID/status</c> of a unit's main process, by name ("Uid", "CapEff", "Seccomp").</summary>
    public async Task<IReadOnlyDictionary<string, string>> MainProcessStatusAsync(string unit)
    {
        string pid = await PropertyAsync(unit, "MainPID");
        Assert.NotEqual("0", pid);
        return (await ExecCheckedAsync("cat", $"/proc/{pid}/status"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
    }

    public async ValueTask DisposeAsync()
    {
        if (_name is not null)
        {
            await Podman.RunCheckedAsync(["rm", "--force", "--time", "0", _name], CommandLimit, CancellationToken.None);
            _name = null;
        }

        _config.Dispose();
    }

    private async Task StartAsync()
    {
        string image = await Podman.DebianImageAsync("systemd", Packages, [], Token);
        await WriteConfigurationAsync();
        string examples = RepositoryRoot.Combine("examples/systemd");
        string name = $"ssh-exporter-test-systemd-{Guid.NewGuid():N}"[..40];
        List<string> run =
        [
            "run", "--detach", "--name", name, "--systemd=always", "--network=none",
            .. Capabilities.Select(capability => $"--cap-add={capability}"),
            // The test build's output is the same framework-dependent app as `dotnet publish` gives (or the binary the
            // suite runs, with whatever lies beside it).
            "--volume", $"{Path.GetDirectoryName(ExporterProcess.Executable)}:/opt/ssh-exporter:ro",
            "--volume", $"{DotnetRoot()}:/usr/share/dotnet:ro",
            "--volume", $"{examples}/ssh-exporter.service:/etc/systemd/system/ssh-exporter.service:ro",
            "--volume", $"{examples}/ssh-exporter-sidecar.service:/etc/systemd/system/ssh-exporter-sidecar.service:ro",
            "--volume", $"{examples}/ssh-exporter-sidecar.service.d:{DropInSource}:ro",
            "--volume", $"{examples}/ssh-exporter.sysusers:/etc/sysusers.d/ssh-exporter.conf:ro",
            "--volume", $"{_config.Path}:/etc/ssh-exporter:ro",
            image, "/sbin/init",
        ];
        await Podman.RunCheckedAsync(run, CommandLimit, Token);
        _name = name;
        await WaitForBootAsync();
    }

    /// <summary>The shipped configurations, readable by the units' users as README.md installs them.</summary>
    private async Task WriteConfigurationAsync()
    {
        foreach (string file in new[] { "config.yml", "sidecar.yml" })
        {
            File.Copy(RepositoryRoot.Combine($"examples/systemd/{file}"), ConfigFile(file));
        }

        // A temporary directory is its owner's alone; the prober's DynamicUser= must read it.
        await ExternalCommand.RunCheckedAsync("chmod", ["-R", "a+rX", _config.Path], Token);
    }

    private async Task WaitForBootAsync()
    {
        ExternalCommand.Result? state = null;
        // podman exec can come before the container's systemd is up; --wait then blocks until boot has finished.
        bool booted = await Poll.UntilAsync(
            async () => (state = await ExecAsync("systemctl", "is-system-running", "--wait")).Stdout.Trim() is "running" or "degraded",
            CommandLimit,
            Token);
        Assert.True(booted, $"systemd in the container did not finish booting: {state}\n{(await ExecAsync("systemctl", "--failed", "--no-pager")).Stdout}");
        await ExecCheckedAsync("systemctl", "is-active", "ssh.service", "dbus.service");
    }

    /// <summary>The .NET installation the tests run on, mounted where the units' binary looks for it.</summary>
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
