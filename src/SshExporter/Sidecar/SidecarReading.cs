namespace SshExporter.Sidecar;

/// <summary>What one run of the sidecar found: the checks' report, and sshd's last log lines when the config shows them (else null).</summary>
public sealed record SidecarReading(SidecarReport Report, string? SshdLog);

/// <summary>A reading as one caller gets it: <paramref name="Age"/> is how long ago its run started.</summary>
public sealed record SharedSidecarResult(SidecarReading Reading, TimeSpan Age);
