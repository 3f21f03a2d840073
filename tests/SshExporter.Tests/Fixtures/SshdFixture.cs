using System.Globalization;
using SshExporter.Probing;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 (or, inside a network namespace, on the address and port a server has)
/// with a throwaway host key and a config of its own, logging to a file the test can read; it can be stopped,
/// frozen and started again as an SSH server's faults need. Readiness is taken from sshd's own "Server listening"
/// line (and its pid file) rather than from a test connection, so the log holds only the connections the test
/// makes. Its directory holds config, key, log and pid file, and can serve as a rootfs with the pid file at
/// <see cref="HostPidFile"/>.
/// </summary>
public sealed class SshdFixture : IAsyncDisposable
{
    /// <summary>The pid file as a host path, with <see cref="RootDirectory"/> as the rootfs.</summary>
    public const string HostPidFile = "/sshd.pid";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly TempDirectory _directory;
    private readonly IReadOnlyList<string> _command;
    private readonly string _listenAddress;
    private BackgroundProcess? _process;

    /// <summary>What the sshds started before this one printed, for <see cref="Diagnostics"/>.</summary>
    private string _earlierOutput = "";

    private SshdFixture(TempDirectory directory, IReadOnlyList<string> command, string listenAddress, int port)
    {
        _directory = directory;
        _command = command;
        _listenAddress = listenAddress;
        Port = port;
    }

    /// <summary>The port sshd listens on (the one it was last started on).</summary>
    public int Port { get; private set; }

    /// <summary>
    /// Its address and port as a probe target. An sshd on every address (0.0.0.0, ::) has none to name: the
    /// address to reach it at depends on where the prober is.
    /// </summary>
    public string Target => _listenAddress is "0.0.0.0" or "::"
        ? throw new InvalidOperationException($"sshd listens on every address ({_listenAddress}); which one reaches it depends on where the prober is")
        : new TargetAddress(_listenAddress, Port).ToString();

    /// <summary>The listening sshd's pid (sshd itself, also when started through <c>ip netns exec</c>).</summary>
    public int Pid => Process.Id;

    /// <summary>The temp directory holding config, host key, log and pid file.</summary>
    public string RootDirectory => _directory.Path;

    /// <summary>The sshd_config this sshd runs with; its PidFile and HostKey are in the same directory.</summary>
    public string ConfigPath => Path.Combine(RootDirectory, "sshd_config");

    public string PidFile => Path.Combine(RootDirectory, HostPidFile.TrimStart('/'));

    /// <summary>The host key's private and public files, which sshd_config's HostKey names.</summary>
    public IReadOnlyList<string> HostKeyFiles => [HostKey, HostKey + ".pub"];

    private string HostKey => Path.Combine(RootDirectory, "ssh_host_ed25519_key");

    private string LogFile => Path.Combine(RootDirectory, "sshd.log");

    private BackgroundProcess Process => _process ?? throw new InvalidOperationException("sshd was never started");

    /// <summary>Starts sshd on the host's loopback and returns once it listens.</summary>
    public static Task<SshdFixture> StartAsync(CancellationToken cancellationToken) => StartAsync(inside: null, [], cancellationToken);

    /// <summary>
    /// Starts sshd, inside <paramref name="inside"/> when given (then it listens on that namespace's loopback),
    /// and returns once it listens. <paramref name="extraConfig"/> lines are appended to sshd_config.
    /// </summary>
    public static Task<SshdFixture> StartAsync(NetworkNamespace? inside, IReadOnlyList<string> extraConfig, CancellationToken cancellationToken) =>
        StartAsync(inside, "127.0.0.1", ClosedPort.Find(), extraConfig, cancellationToken);

    /// <summary>Starts <paramref name="openssh"/>'s sshd on the host's loopback, with <paramref name="extraConfig"/> appended to sshd_config.</summary>
    public static Task<SshdFixture> StartAsync(OpenSsh openssh, IReadOnlyList<string> extraConfig, CancellationToken cancellationToken) =>
        StartAsync(openssh, null, "127.0.0.1", ClosedPort.Find(), extraConfig, cancellationToken);

    /// <summary>
    /// Starts sshd listening on <paramref name="listenAddress"/> port <paramref name="port"/>, inside
    /// <paramref name="inside"/> when given (an SSH server's own namespace, where it may take 0.0.0.0 port 22),
    /// and returns once it listens. <paramref name="extraConfig"/> lines are appended to sshd_config.
    /// </summary>
    public static Task<SshdFixture> StartAsync(
        NetworkNamespace? inside, string listenAddress, int port, IReadOnlyList<string> extraConfig, CancellationToken cancellationToken) =>
        StartAsync(OpenSsh.Installed, inside, listenAddress, port, extraConfig, cancellationToken);

    /// <summary>As above, with the sshd of <paramref name="openssh"/>.</summary>
    public static async Task<SshdFixture> StartAsync(
        OpenSsh openssh, NetworkNamespace? inside, string listenAddress, int port, IReadOnlyList<string> extraConfig, CancellationToken cancellationToken)
    {
        string sshd = openssh.RequireSshd();
        string keygen = Requires.Tool("ssh-keygen");
        if (OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess)
        {
            // The privilege separation directory a package install would create; sshd refuses to start without it.
            Directory.CreateDirectory("/run/sshd", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var directory = new TempDirectory();
        string config = directory.PathOf("sshd_config");
        string[] sshdArguments = ["-D", "-e", "-f", config, "-E", directory.PathOf("sshd.log")];
        var fixture = new SshdFixture(directory, inside is null ? [sshd, .. sshdArguments] : inside.Wrap(sshd, sshdArguments), listenAddress, port);
        try
        {
            string hostKey = directory.PathOf("ssh_host_ed25519_key");
            await ExternalCommand.RunCheckedAsync(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", hostKey], cancellationToken);
            await File.WriteAllLinesAsync(config,
            [
                $"Port {port.ToString(CultureInfo.InvariantCulture)}",
                $"ListenAddress {listenAddress}",
                $"HostKey {hostKey}",
                $"PidFile {fixture.PidFile}",
                "LogLevel INFO",
                .. extraConfig,
            ], cancellationToken);

            fixture._process = BackgroundProcess.Start(fixture._command);
            if (!await fixture.WaitUntilListeningAsync(logStart: 0, cancellationToken))
            {
                Assert.Fail($"sshd did not start listening on port {port}: {fixture.Diagnostics()}");
            }
        }
        catch (Exception e)
        {
            await Cleanup.AfterFailureAsync(e, fixture);
            throw;
        }

        return fixture;
    }

    /// <summary>
    /// Starts sshd again after it stopped, as a service manager's restart does, with its sshd_config as it is now
    /// (the test may have changed it): true once it listens on <paramref name="port"/>, false when it exits
    /// first, as sshd does when its configuration is invalid or no host key loads.
    /// </summary>
    public async Task<bool> TryStartAgainAsync(int port, CancellationToken cancellationToken)
    {
        Assert.True(Process.HasExited, $"sshd (pid {Pid}) still runs; stop it before starting it again");
        int logStart = ReadLog().Length;
        _earlierOutput += Process.Output;
        await Process.DisposeAsync();
        // A killed sshd leaves its pid file behind; the new one must be seen writing its own.
        File.Delete(PidFile);
        Port = port;
        _process = BackgroundProcess.Start(_command);
        return await WaitUntilListeningAsync(logStart, cancellationToken);
    }

    /// <summary>
    /// Stops sshd with SIGSTOP, as a hang would: its listening socket stays open, so the kernel still completes
    /// handshakes into its backlog, but sshd accepts none of them and sends no banner.
    /// </summary>
    public Task FreezeAsync(CancellationToken cancellationToken) =>
        ExternalCommand.RunCheckedAsync(Requires.Tool("kill"), ["-STOP", Pid.ToString(CultureInfo.InvariantCulture)], cancellationToken);

    /// <summary>The log so far; sshd keeps appending while the test reads.</summary>
    public string ReadLog()
    {
        if (!File.Exists(LogFile))
        {
            return "";
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Polls the log until it contains <paramref name="text"/> or <paramref name="limit"/> passes; returns the log either way.</summary>
    public async Task<string> WaitForLogAsync(string text, TimeSpan limit, CancellationToken cancellationToken)
    {
        string log = "";
        await Poll.UntilAsync(() => Task.FromResult((log = ReadLog()).Contains(text, StringComparison.Ordinal)), limit, cancellationToken, PollInterval);
        return log;
    }

    /// <summary>
    /// Until sshd says, in the log after <paramref name="logStart"/>, that it listens, and has written its pid file,
    /// which it does just after: true then, false when it exits first.
    /// </summary>
    private async Task<bool> WaitUntilListeningAsync(int logStart, CancellationToken cancellationToken)
    {
        string listening = $"Server listening on {_listenAddress} port {Port.ToString(CultureInfo.InvariantCulture)}.";
        return await Process.WaitUntilReadyAsync(
            () => Task.FromResult(ReadLog()[logStart..].Contains(listening, StringComparison.Ordinal) && File.Exists(PidFile)),
            StartLimit, cancellationToken, Diagnostics, PollInterval);
    }

    /// <summary>Whether sshd runs, its log and what it printed, for assertion messages.</summary>
    public string Diagnostics()
    {
        string exit = _process is null ? "never started" : _process.HasExited ? $"exited with {_process.ExitCode}" : "still running";
        return $"{exit}\n--- log\n{ReadLog()}\n--- output\n{_earlierOutput}{_process?.Output}";
    }

    /// <summary>Stops sshd the way a service manager does (SIGTERM); sshd removes its pid file on the way out.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        await ExternalCommand.RunCheckedAsync(Requires.Tool("kill"), ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        await Process.WaitForExitAsync(StopLimit, cancellationToken);
    }

    /// <summary>Kills sshd as a crash (or the OOM killer) would: its pid file stays behind, stale.</summary>
    public Task KillAsync() => Process.KillAsync();

    public ValueTask DisposeAsync() => Cleanup.DisposeAllAsync(_process, Cleanup.Of(_directory));
}
