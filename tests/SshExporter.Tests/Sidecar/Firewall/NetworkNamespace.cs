using System.Diagnostics;
using SshExporter.Sidecar.Commands;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Sidecar.Firewall;

/// <summary>
/// A network namespace of the test's own (<c>sshx-fw-XXXXXXXX</c>), so firewall rules can be added and read back
/// through the real tools without touching the host's. Deleted on dispose, which also drops its rules. Root only.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private readonly string _ip;

    private NetworkNamespace(string ip, string name)
    {
        _ip = ip;
        Name = name;
        Runner = new ProcessCommandRunner(TimeProvider.System, TimeSpan.FromSeconds(20), [ip, "netns", "exec", name]);
    }

    public string Name { get; }

    /// <summary>Runs the firewall check's tools inside this namespace.</summary>
    public ICommandRunner Runner { get; }

    /// <summary>Creates the namespace; skips the test unless it runs as root with iproute2 installed.</summary>
    public static NetworkNamespace Create()
    {
        Requires.Root();
        string ip = Requires.Tool("ip");
        string name = $"sshx-fw-{Guid.NewGuid().ToString("N")[..8]}";
        Exec(ip, ["netns", "add", name]);
        return new NetworkNamespace(ip, name);
    }

    /// <summary>A runner that drops to the nobody user inside the namespace, to see what a non-root exporter gets.</summary>
    public ICommandRunner UnprivilegedRunner(string setpriv) =>
        new ProcessCommandRunner(TimeProvider.System, TimeSpan.FromSeconds(20),
            [_ip, "netns", "exec", Name, setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]);

    /// <summary>Runs a command inside the namespace and fails the test if it fails.</summary>
    public void Run(params string[] command) => Exec(_ip, ["netns", "exec", Name, .. command]);

    /// <summary>Like <see cref="Run"/>, but returns whether it worked instead of failing (for optional kernel features).</summary>
    public bool TryRun(params string[] command) => Exec(_ip, ["netns", "exec", Name, .. command], check: false) == 0;

    public void Dispose() => Exec(_ip, ["netns", "delete", Name], check: false);

    private static int Exec(string program, IEnumerable<string> arguments, bool check = true)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
        }

        stdout.Wait();
        if (check && process.ExitCode != 0)
        {
            Assert.Fail($"{program} {string.Join(' ', startInfo.ArgumentList)} exited {process.ExitCode}: {stderr}");
        }

        return process.ExitCode;
    }
}
