using SshExporter.Probing;
using SshExporter.Sidecar.Checks;

namespace SshExporter.Sidecar;

/// <summary>
/// The sidecar's checks, registered in one list. Their report lines and metrics come in this order, whatever
/// order they run in (a check runs after those it needs).
/// </summary>
public static class SidecarChecks
{
    public const string Service = "service";
    public const string Config = "config";
    public const string ConfigValid = "config_valid";
    public const string HostKeys = "host_keys";
    public const string Listener = "listener";
    public const string Firewall = "firewall";
    public const string LocalProbe = "local_probe";

    public static IReadOnlyList<ISidecarCheck> All(SshProber prober) =>
    [
        new ServiceSidecarCheck(),
        new ConfigSidecarCheck(),
        new ConfigValidSidecarCheck(),
        new HostKeysSidecarCheck(),
        new ListenerSidecarCheck(),
        new FirewallSidecarCheck(),
        new LocalProbeSidecarCheck(prober),
    ];
}
