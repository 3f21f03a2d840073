namespace SshExporter.Sidecar.SshdConfig;

/// <summary>
/// One <c>ListenAddress</c> as configured. <paramref name="Port"/> is null when the line names none: sshd then
/// listens on that address on every <c>Port</c>.
/// </summary>
public sealed record SshdListenAddress(string Host, int? Port, string? RoutingDomain = null)
{
    public override string ToString()
    {
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return Port is int port ? $"{host}:{port}" : host;
    }
}
