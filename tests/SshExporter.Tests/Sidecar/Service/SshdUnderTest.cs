using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Service;

/// <summary>
/// A real sshd started by the test with its own config in a temp directory: a fresh ed25519 host key, a free
/// port on 127.0.0.1, and its PidFile in that directory (so the directory can serve as a rootfs with the pid
/// file at <c>/sshd.pid</c>). Needs root (sshd) and openssh-server.
/// </summary>
public sealed class SshdUnderTest : IAsyncDisposable
{
    /// <summary>The pid file as a host path, with <see cref="RootDirectory"/> as the rootfs.</summary>
    public const string HostPidFile = "/sshd.pid";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _directory;
    private readonly Process _process;

    private SshdUnderTest(TempDirectory directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>The temp directory holding key, config and pid file, usable as a rootfs.</summary>
    public string RootDirectory => _directory.Path;

    public string PidFile => Path.Combine(RootDirectory, "sshd.pid");

    public static async Task<SshdUnderTest> StartAsync(CancellationToken cancellationToken)
    {
        Requires.Root();
        string sshd = Requires.Tool("sshd");
        string keygen = Requires.Tool("ssh-keygen");
        // sshd will not start without its privilege separation directory, which a fresh container may lack.
        Directory.CreateDirectory("/run/sshd");

        var directory = new TempDirectory();
        string key = directory.PathOf("ssh_host_ed25519_key");
        await ExternalCommand.RunCheckedAsync(keygen, ["-q", "-t", "ed25519", "-N", "", "-f", key], cancellationToken);

        int port = ClosedPort.Find();
        string config = directory.PathOf("sshd_config");
        await File.WriteAllTextAsync(
            config,
            $"Port {port}\nListenAddress 127.0.0.1\nHostKey {key}\nPidFile {Path.Combine(directory.Path, "sshd.pid")}\n",
            cancellationToken);

        // -D: stay in the foreground, so the process started here is the listener; -e: log to stderr.
        var startInfo = new ProcessStartInfo(sshd) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-D", "-e", "-f", config })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        var server = new SshdUnderTest(directory, process, port);
        Task<string> log = process.StandardError.ReadToEndAsync(cancellationToken);
        if (!await server.WaitUntilReadyAsync(cancellationToken))
        {
            await server.DisposeAsync();
            Assert.Fail($"sshd did not start: {await log}");
        }

        return server;
    }

    /// <summary>Stops sshd the way a service manager does; sshd removes its pid file on the way out.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        await ExternalCommand.RunCheckedAsync(Requires.Tool("kill"), ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
    }

    /// <summary>Kills sshd with SIGKILL, as the OOM killer would: the pid file stays behind, stale.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill();
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }

    private async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)StartTimeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline && !_process.HasExited)
        {
            if (File.Exists(PidFile) && await AcceptsAsync(cancellationToken))
            {
                return true;
            }

            await Task.Delay(50, cancellationToken);
        }

        return false;
    }

    private async Task<bool> AcceptsAsync(CancellationToken cancellationToken)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
