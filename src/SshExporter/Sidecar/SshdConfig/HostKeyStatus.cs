namespace SshExporter.Sidecar.SshdConfig;

/// <summary>One host key file, checked.</summary>
/// <param name="Type">The key type for the <c>type</c> label: ed25519, rsa, ecdsa, ... or "unknown".</param>
/// <param name="Path">The host path sshd_config names.</param>
/// <param name="Present">It exists, is not empty and this process can read it.</param>
/// <param name="Reason">Why it is not present (or "present"), for logs and the landing page.</param>
public sealed record HostKeyStatus(string Type, string Path, bool Present, string Reason);
