using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 with a throwaway host key and a config of its own, logging to a
/// file the test can read. Readiness is taken from sshd's own "Server listening" line rather than from
/// a test connection, so the log holds only the connections the test makes.
/// </summary>
public sealed class SshdFixture : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly DirectoryInfo _directory;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private SshdFixture(DirectoryInfo directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    /// <summary>The sshd_config this sshd runs with; its PidFile and HostKey are in the same directory.</summary>
    public string ConfigPath => Path.Combine(_directory.FullName, "sshd_config");

    private string LogFile => Path.Combine(_directory.FullName, "sshd.log");

    /// <summary>Starts sshd on the host's loopback and returns once it listens.</summary>
    public static Task<SshdFixture> StartAsync(CancellationToken cancellationToken) => StartAsync(null, [], cancellationToken);

    /// <summary>
    /// Starts sshd, inside <paramref name="inside"/> when given (then it listens on that namespace's loopback),
    /// and returns once it listens. <paramref name="extraConfig"/> lines are appended to sshd_config.
    /// </summary>
    public static async Task<SshdFixture> StartAsync(NetworkNamespace? inside, IReadOnlyList<string> extraConfig, CancellationToken cancellationToken)
    {
        // sshd re-executes itself for each connection, so it must be started by absolute path.
        string sshd = Path.GetFullPath(Requires.Tool("sshd"));
        string keygen = Requires.Tool("ssh-keygen");
        if (OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess)
        {
            // The privilege separation directory a package install would create; sshd refuses to start without it.
            Directory.CreateDirectory("/run/sshd", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var directory = Directory.CreateTempSubdirectory("sshx-sshd-");
        string hostKey = Path.Combine(directory.FullName, "ssh_host_ed25519_key");
        await ExternalCommand.RunCheckedAsync(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", hostKey], cancellationToken);

        int port = ClosedPort.Find();
        string config = Path.Combine(directory.FullName, "sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            $"Port {port.ToString(CultureInfo.InvariantCulture)}",
            "ListenAddress 127.0.0.1",
            $"HostKey {hostKey}",
            $"PidFile {Path.Combine(directory.FullName, "sshd.pid")}",
            "LogLevel INFO",
            "UsePAM no",
            .. extraConfig,
        ], cancellationToken);

        string[] sshdArguments = ["-D", "-e", "-f", config, "-E", Path.Combine(directory.FullName, "sshd.log")];
        IReadOnlyList<string> command = inside is null ? [sshd, .. sshdArguments] : inside.Wrap(sshd, sshdArguments);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var fixture = new SshdFixture(directory, Process.Start(start) ?? throw new InvalidOperationException("could not start sshd"), port);
        fixture._process.BeginErrorReadLine();
        fixture._process.BeginOutputReadLine();
        try
        {
            await fixture.WaitUntilListeningAsync(cancellationToken);
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }

        return fixture;
    }

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
        var stopwatch = Stopwatch.StartNew();
        string log;
        while (!(log = ReadLog()).Contains(text, StringComparison.Ordinal) && stopwatch.Elapsed < limit)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }

        return log;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        string listening = $"Server listening on 127.0.0.1 port {Port.ToString(CultureInfo.InvariantCulture)}.";
        var stopwatch = Stopwatch.StartNew();
        while (!ReadLog().Contains(listening, StringComparison.Ordinal))
        {
            if (_process.HasExited || stopwatch.Elapsed > StartLimit)
            {
                Assert.Fail($"sshd did not start listening on port {Port}: {Diagnostics()}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private string Diagnostics()
    {
        lock (_stderr)
        {
            string exit = _process.HasExited ? $"exited with {_process.ExitCode}" : "still running";
            return $"{exit}\n--- log\n{ReadLog()}\n--- stderr\n{_stderr}";
        }
    }

    /// <summary>Kills sshd as a crash would: its pid file stays behind, stale.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
