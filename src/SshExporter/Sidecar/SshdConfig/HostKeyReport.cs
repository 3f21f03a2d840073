namespace SshExporter.Sidecar.SshdConfig;

/// <summary>The host keys sshd would load, each checked; could not run only when the list of files is unknown.</summary>
public sealed record HostKeyReport(IReadOnlyList<HostKeyStatus> Keys, CheckStatus Status);
