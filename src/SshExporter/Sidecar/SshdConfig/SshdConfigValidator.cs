using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// Asks sshd itself whether its config is valid: <c>sshd -t -f FILE</c>, bounded in time and output. The binary
/// is a path in this process's view; the config is a host path read through <see cref="HostPaths"/>. Under a
/// rootfs, sshd still resolves the config's Include and HostKey paths in this process's view.
/// </summary>
public sealed class SshdConfigValidator(ICommandRunner runner, string sshdPath = SshdDefaults.Binary)
{
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

        CommandResult run = await runner.RunAsync(sshdPath, ["-t", "-f", config], cancellationToken);
        return run.Status switch
        {
            CommandStatus.Exited => SshdTestVerdict.From(run.ExitCode, run.StandardError, run.StandardOutput, Environment.IsPrivilegedProcess),
            CommandStatus.NotFound => BinaryNotFound(),
            CommandStatus.StartFailed => SshdConfigValidity.CouldNotRun($"cannot run {sshdPath}: {run.Error}"),
            _ => SshdConfigValidity.CouldNotRun(run.Describe($"{sshdPath} -t")),
        };
    }

    private SshdConfigValidity BinaryNotFound() => SshdConfigValidity.CouldNotRun($"sshd binary not found: {sshdPath}");
}
