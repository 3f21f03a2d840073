using SshExporter.Probing;
using SshExporter.Sidecar.Firewall;
using SshExporter.Sidecar.Listener;
using SshExporter.Sidecar.Service;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar;

/// <summary>The names of the sidecar's checks: the values of <c>sshd_check_success{check}</c>.</summary>
public static class SidecarChecks
{
    public const string Service = "service";
    public const string Config = "config";
    public const string ConfigValid = "config_valid";
    public const string HostKeys = "host_keys";
    public const string Listener = "listener";
    public const string Firewall = "firewall";
    public const string LocalProbe = "local_probe";
}

/// <summary>One loopback probe of a port sshd should listen on (the runbook's "test locally first").</summary>
public sealed record LocalProbe(int Port, ProbeResult Result);

/// <summary>Everything one run of the sidecar's checks found, plus how long each check took.</summary>
public sealed record SidecarReport(
    ParsedSshdConfig Config,
    IReadOnlyList<int> Ports,
    ServiceReport Service,
    SshdConfigValidity Validity,
    HostKeyReport HostKeys,
    ListenerReport Listener,
    FirewallReport Firewall,
    IReadOnlyList<LocalProbe> LocalProbes,
    IReadOnlyDictionary<string, TimeSpan> Durations)
{
    /// <summary>Whether each check could look at all, by check name.</summary>
    /// <summary>
    /// Whether each check could look at all, by check name. The firewall counts as looked at when any backend
    /// could be read; each installed backend also reports on its own (a backend that is not installed is no
    /// fault and is left out).
    /// </summary>
    public IReadOnlyDictionary<string, CheckStatus> Statuses
    {
        get
        {
            var statuses = new Dictionary<string, CheckStatus>
            {
                [SidecarChecks.Service] = Service.Status,
                [SidecarChecks.Config] = Config.Status,
                [SidecarChecks.ConfigValid] = Validity.Status,
                [SidecarChecks.HostKeys] = HostKeys.Status,
                [SidecarChecks.Listener] = Listener.Status,
                [SidecarChecks.Firewall] = Firewall.Backends.Any(b => b.Status.CouldRun)
                    ? CheckStatus.Ran()
                    : CheckStatus.CouldNotRun(string.Join("; ", Firewall.Backends.Select(b => $"{b.Backend}: {b.Status.Detail}"))),
                [SidecarChecks.LocalProbe] = CheckStatus.Ran(),
            };
            foreach (var backend in Firewall.Backends.Where(b => !b.ToolMissing))
            {
                statuses[$"{SidecarChecks.Firewall}_{backend.Backend}"] = backend.Status;
            }

            return statuses;
        }
    }
}
