namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// What <c>sshd -t</c> said about the config: <c>sshd_config_valid</c> is <see cref="Valid"/> when
/// <see cref="Status"/> could run. <see cref="FirstErrorLine"/> is sshd's first complaint, for logs and the
/// landing page (never a label); null when there was none.
/// </summary>
public sealed record SshdConfigValidity(bool Valid, string? FirstErrorLine, CheckStatus Status)
{
    public static SshdConfigValidity CouldNotRun(string reason, string? firstErrorLine = null) =>
        new(false, firstErrorLine, CheckStatus.CouldNotRun(reason));
}
