using SshExporter.Config;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Alerting;

/// <summary>
/// One SSH server: a network namespace joined to the monitoring network, a real sshd on port 22 of its address
/// with its own sshd_config, PidFile and host key, and (unless it has none) the ssh-exporter sidecar on its default
/// listen address checking that sshd, so its listener and firewall checks see only this namespace. The fault methods break it
/// the way SSH servers break.
/// </summary>
public sealed class SshHost : IAsyncDisposable
{
    public const int SshPort = 22;

    private readonly TempDirectory _directory = new();
    private ExporterProcess? _sidecar;
    private BackgroundProcess? _otherService;

    private SshHost(string name, NetworkNamespace inside, string address, SshdFixture sshd)
    {
        Name = name;
        Namespace = inside;
        Address = address;
        Sshd = sshd;
    }

    /// <summary>The name of its row in the test, such as "stopped".</summary>
    public string Name { get; }

    public NetworkNamespace Namespace { get; }

    /// <summary>Its address on the monitoring network: the <c>host</c> label both views give it.</summary>
    public string Address { get; }

    public SshdFixture Sshd { get; }

    public string ProbeTarget => $"{Address}:{SshPort}";

    /// <summary>The sidecar's scrape address, or null for a server without one.</summary>
    public string? SidecarTarget => _sidecar is null ? null : $"{Address}:{ExporterProcess.DefaultPort}";

    /// <summary>What the sidecar logged, for assertion messages.</summary>
    public string SidecarOutput => _sidecar?.Output ?? "(no sidecar)";

    public static async Task<SshHost> StartAsync(string name, MonitoringNetwork network, bool withSidecar, CancellationToken cancellationToken)
    {
        var inside = await NetworkNamespace.CreateAsync(cancellationToken);
        SshdFixture? sshd = null;
        SshHost? host = null;
        try
        {
            string address = await network.JoinAsync(inside, cancellationToken);
            sshd = await SshdFixture.StartAsync(inside, "0.0.0.0", SshPort, [], cancellationToken);
            host = new SshHost(name, inside, address, sshd);
            if (withSidecar)
            {
                // No --web.listen-address: the sidecar listens where a user's would.
                host._sidecar = ExporterProcess.StartCommand(inside.Wrap(ExporterProcess.Executable, [$"--config.file={host.WriteSidecarConfig()}"]));
            }

            return host;
        }
        catch (Exception e)
        {
            // Once built, the host owns everything (its directory too); before, only what was started so far.
            await (host is not null ? Cleanup.AfterFailureAsync(e, host) : Cleanup.AfterFailureAsync(e, sshd, inside));
            throw;
        }
    }

    /// <summary>
    /// The sidecar section points at this server's sshd_config, so the service check reads its PidFile. The
    /// systemd unit is one systemd does not know: where systemd runs the machine, the PidFile still decides.
    /// </summary>
    private string WriteSidecarConfig() => _directory.Write("sidecar.yml", $"""
        modules:
          local:
            timeout: {PrometheusDuration.Format(AlertingTiming.ProbeTimeout)}
        sidecar:
          sshd_config: {Sshd.ConfigPath}
          systemd_unit: ssh-exporter-test-absent.service
          local_probe_module: local
        """);

    /// <summary>
    /// GETs <paramref name="path"/> of the sidecar's own pages, from inside the server as a person on it would, through
    /// a relay of its own for this one read.
    /// </summary>
    public async Task<HttpAnswer> GetSidecarPageAsync(string path, TimeSpan limit, CancellationToken cancellationToken)
    {
        await using var client = await NamespaceHttpClient.StartAsync(Namespace, ExporterProcess.DefaultPort, _directory.PathOf("sidecar-pages.sock"), cancellationToken);
        return await HttpAnswer.GetPatientlyAsync(client.Http, path, limit, cancellationToken);
    }

    /// <summary>sshd stops (SIGTERM), as <c>systemctl stop ssh</c> would.</summary>
    public Task StopSshdAsync(CancellationToken cancellationToken) => Sshd.TerminateAsync(cancellationToken);

    /// <summary>sshd is restarted with another <c>Port</c> in sshd_config.</summary>
    public async Task MoveSshdAsync(int port, CancellationToken cancellationToken)
    {
        await EditConfigAsync(lines => [.. lines.Select(line => line == $"Port {SshPort}" ? $"Port {port}" : line)], cancellationToken);
        await Sshd.TerminateAsync(cancellationToken);
        Assert.True(await Sshd.TryStartAgainAsync(port, cancellationToken), $"sshd did not start on port {port}: {Sshd.Diagnostics()}");
    }

    /// <summary>The server's own firewall: an INPUT rule for the SSH port, <paramref name="target"/> after <c>-j</c>.</summary>
    public Task FirewallAsync(string target, CancellationToken cancellationToken) => Namespace.AddTcpInputRuleAsync(SshPort, target, cancellationToken);

    /// <summary>The host keys are deleted; sshd is stopped and the restart fails.</summary>
    public async Task RemoveHostKeysAsync(CancellationToken cancellationToken)
    {
        foreach (string file in Sshd.HostKeyFiles)
        {
            File.Delete(file);
        }

        await RestartFailingAsync(cancellationToken);
    }

    /// <summary>A line sshd rejects is added to sshd_config; sshd is stopped and the restart fails.</summary>
    public async Task BreakConfigAsync(CancellationToken cancellationToken)
    {
        await EditConfigAsync(lines => [.. lines, "NoSuchKeyword yes"], cancellationToken);
        await RestartFailingAsync(cancellationToken);
    }

    /// <summary>sshd hangs (SIGSTOP): connections complete in the kernel, but no banner comes.</summary>
    public Task FreezeSshdAsync(CancellationToken cancellationToken) => Sshd.FreezeAsync(cancellationToken);

    /// <summary>sshd stops and another service, greeting like a mail server, takes port 22.</summary>
    public async Task ReplaceSshdWithOtherServiceAsync(CancellationToken cancellationToken)
    {
        string greeting = _directory.Write("greeter.sh", "printf '220 mail.invalid ESMTP\\r\\n'\nsleep 1\n");
        await Sshd.TerminateAsync(cancellationToken);
        _otherService = BackgroundProcess.Start(Namespace.Wrap(Requires.Tool("socat"), [$"TCP-LISTEN:{SshPort},fork,reuseaddr", $"EXEC:/bin/sh {greeting}"]));
        bool listening = await _otherService.WaitUntilReadyAsync(() => Namespace.IsListeningAsync(SshPort, cancellationToken), TimeSpan.FromSeconds(10), cancellationToken);
        Assert.True(listening, $"the other service exited instead of taking port {SshPort}:\n{_otherService.Output}");
    }

    private async Task RestartFailingAsync(CancellationToken cancellationToken)
    {
        await Sshd.TerminateAsync(cancellationToken);
        Assert.False(await Sshd.TryStartAgainAsync(SshPort, cancellationToken), $"sshd should not start again: {Sshd.Diagnostics()}");
    }

    private async Task EditConfigAsync(Func<string[], string[]> edit, CancellationToken cancellationToken) =>
        await File.WriteAllLinesAsync(Sshd.ConfigPath, edit(await File.ReadAllLinesAsync(Sshd.ConfigPath, cancellationToken)), cancellationToken);

    public ValueTask DisposeAsync() => Cleanup.DisposeAllAsync(_sidecar, _otherService, Sshd, Namespace, Cleanup.Of(_directory));
}
