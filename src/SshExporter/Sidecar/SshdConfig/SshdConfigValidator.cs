using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Asks sshd itself whether its config is valid: <c>sshd -t -f FILE</c>, bounded in time and output. The binary
/// is a path in this process's view; the config is a host path read through <see cref="HostPaths"/>. Under a
/// rootfs, sshd still resolves the config's Include and HostKey paths in this process's view.
/// </summary>
public sealed class SshdConfigValidator(TimeProvider time, string sshdPath = SshdDefaults.Binary, TimeSpan? timeout = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>sshd -t says one line per problem; more than this is not worth keeping.</summary>
    internal const int MaxOutputChars = 64 * 1024;

    public TimeSpan Timeout { get; } = timeout ?? DefaultTimeout;

    public async Task<SshdConfigValidity> ValidateAsync(HostPaths paths, string configPath = SshdDefaults.ConfigPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(sshdPath))
        {
            return BinaryNotFound();
        }

        string config = paths.Resolve(configPath);
        if (!File.Exists(config))
        {
            return SshdConfigValidity.CouldNotRun($"sshd_config not found: {config}");
        }

        var runner = new ProcessCommandRunner(time, Timeout, maxOutputChars: MaxOutputChars);
        CommandResult run = await runner.RunAsync(sshdPath, ["-t", "-f", config], cancellationToken);
        return run.Status switch
        {
            CommandStatus.Exited => SshdTestVerdict.From(run.ExitCode, run.StandardError, run.StandardOutput, Environment.IsPrivilegedProcess),
            CommandStatus.NotFound => BinaryNotFound(),
            CommandStatus.StartFailed => SshdConfigValidity.CouldNotRun($"cannot run {sshdPath}: {run.Error}"),
            _ => SshdConfigValidity.CouldNotRun($"{sshdPath} -t did not finish within {Timeout.TotalSeconds:0.###}s"),
        };
    }

    private SshdConfigValidity BinaryNotFound() => SshdConfigValidity.CouldNotRun($"sshd binary not found: {sshdPath}");
}
