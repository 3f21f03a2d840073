namespace SshExporter.Tests.Diagnosis;

/// <summary>One row of the verdict table: a remote outcome (or no probe), the local faults (or no sidecar), and the
/// alerts the verdict names, most important first.</summary>
public sealed record VerdictRow(string Why, string? Remote, string[]? Local, string[] Expected)
{
    public override string ToString() => $"{Remote ?? "no probe"} + {(Local is null ? "no sidecar" : string.Join(", ", Local))}: {Why}";
}

/// <summary>
/// The fault combinations, each with what the shipped rules and Alertmanager's inhibitions make of it, worked out
/// from alerts/ssh-exporter.rules.yml and alerts/alertmanager.example.yml by hand (not from the code under test).
/// </summary>
internal static class VerdictTable
{
    private static readonly string[] NoSidecar = null!;

    public static IReadOnlyList<VerdictRow> Rows { get; } =
    [
        // Every probe outcome alone, on a server without a sidecar: the symptom, or the cause the outcome alone names.
        new("SSH works", "success", NoSidecar, []),
        new("the name alone is the cause", "dns_error", NoSidecar, ["SshNameNotResolving"]),
        new("nothing local explains it", "refused", NoSidecar, ["SshConnectionRefused"]),
        new("nothing local explains it", "connect_timeout", NoSidecar, ["SshConnectionTimeout"]),
        new("nothing local explains it", "unreachable", NoSidecar, ["SshHostUnreachable"]),
        new("reset and closed are one symptom", "reset", NoSidecar, ["SshConnectionDropped"]),
        new("reset and closed are one symptom", "closed", NoSidecar, ["SshConnectionDropped"]),
        new("nothing local explains it", "banner_timeout", NoSidecar, ["SshBannerTimeout"]),
        new("not an SSH identification is a cause by itself", "banner_invalid", NoSidecar, ["SshPortTakenByOtherService"]),
        new("SSH-1 only is a cause by itself", "protocol_unsupported", NoSidecar, ["SshProtocolUnsupported"]),
        new("sshd's own refusal is a cause by itself", "throttled", NoSidecar, ["SshProberThrottled"]),

        // Every outcome with a sidecar that finds nothing wrong.
        new("both views fine", "success", ["healthy"], []),
        new("all fine on the server: the path blocks", "refused", ["healthy"], ["SshBlockedOutsideHost"]),
        new("all fine on the server: the path blocks", "connect_timeout", ["healthy"], ["SshBlockedOutsideHost"]),
        new("all fine on the server: the path blocks", "unreachable", ["healthy"], ["SshBlockedOutsideHost"]),
        new("all fine on the server: the path blocks", "banner_timeout", ["healthy"], ["SshBlockedOutsideHost"]),
        new("no cause covers a drop", "reset", ["healthy"], ["SshConnectionDropped"]),
        new("no cause covers a drop", "closed", ["healthy"], ["SshConnectionDropped"]),
        new("the prober's resolver, whatever the server says", "dns_error", ["healthy"], ["SshNameNotResolving"]),
        new("a proxy or forward in front of a healthy sshd", "banner_invalid", ["healthy"], ["SshPortTakenByOtherService"]),
        new("needs no local view", "protocol_unsupported", ["healthy"], ["SshProtocolUnsupported"]),
        new("needs no local view", "throttled", ["healthy"], ["SshProberThrottled"]),

        // Each local fault with the remote outcomes it shows as.
        new("host-wide cause inhibits the symptom", "refused", ["stopped"], ["SshDaemonNotRunning"]),
        new("host-wide cause inhibits every symptom of the host", "connect_timeout", ["stopped"], ["SshDaemonNotRunning"]),
        new("host-wide cause inhibits every symptom of the host", "reset", ["stopped"], ["SshDaemonNotRunning"]),
        new("no host key: the most specific of the three", "refused", ["stopped", "keys missing"], ["SshHostKeysMissing"]),
        new("missing keys also fail sshd -t: one fault pages once", "refused", ["stopped", "keys missing", "config invalid"], ["SshHostKeysMissing"]),
        new("sshd -t rejects the config", "refused", ["stopped", "config invalid"], ["SshConfigInvalid"]),
        new("sshd runs, the next restart fails", "success", ["config invalid"], ["SshRestartWouldFail"]),
        new("sshd runs, the next restart fails", "success", ["keys missing"], ["SshRestartWouldFail"]),
        new("sshd runs elsewhere", "refused", ["moved"], ["SshDaemonListensElsewhere"]),
        new("sshd on loopback only", "refused", ["loopback only"], ["SshDaemonListensElsewhere"]),
        new("a DROP gives a timeout", "connect_timeout", ["firewall drops"], ["SshHostFirewallBlocking"]),
        new("a REJECT gives refused", "refused", ["firewall rejects"], ["SshHostFirewallBlocking"]),
        new("a REJECT with an ICMP error gives unreachable", "unreachable", ["firewall rejects"], ["SshHostFirewallBlocking"]),
        new("a firewall does not explain a silent accepted connection", "banner_timeout", ["firewall drops"], ["SshBannerTimeout"]),
        new("silent from outside and on loopback", "banner_timeout", ["hung"], ["SshDaemonNotAnswering"]),
        new("a full accept queue times out the connect", "connect_timeout", ["queue full"], ["SshDaemonNotAnswering"]),
        new("a hung sshd's queue fills", "connect_timeout", ["hung"], ["SshDaemonNotAnswering"]),
        new("another program listens, so sshd is not 'down'", "banner_invalid", ["other program"], ["SshPortTakenByOtherService"]),

        // Two causes at once: both page; the host-wide one comes first (fix it first).
        new("two faults, two pages", "connect_timeout", ["stopped", "firewall drops"], ["SshDaemonNotRunning", "SshHostFirewallBlocking"]),
        new("two faults, two pages", "refused", ["stopped", "firewall rejects"], ["SshDaemonNotRunning", "SshHostFirewallBlocking"]),
        new("the firewall rules out 'listens elsewhere'", "refused", ["moved", "firewall rejects"], ["SshHostFirewallBlocking"]),
        new("the firewall rules out 'not answering'", "connect_timeout", ["hung", "firewall drops"], ["SshHostFirewallBlocking"]),
        new("a cause and a warning that inhibits nothing", "connect_timeout", ["keys missing", "firewall drops"], ["SshHostFirewallBlocking", "SshRestartWouldFail"]),
        new("another program listens, so sshd is not 'down' and the rules call missing keys a restart that would fail", "banner_invalid", ["other program", "keys missing"], ["SshPortTakenByOtherService", "SshRestartWouldFail"]),

        // Could not look: never a fault, and no cause that needs the missing fact.
        new("no service fact: no host-wide cause, the symptom pages", "refused", ["stopped", "service cannot look"], ["SshConnectionRefused", "SshSidecarCheckFailing"]),
        new("no listener fact: sshd down on the service alone", "refused", ["stopped", "listener cannot look"], ["SshDaemonNotRunning", "SshSidecarCheckFailing"]),
        new("no sshd -t: not running, config unknown", "refused", ["stopped", "config_valid cannot look"], ["SshDaemonNotRunning", "SshSidecarCheckFailing"]),
        new("no host key fact: the config cause stands", "refused", ["stopped", "config invalid", "host_keys cannot look"], ["SshConfigInvalid", "SshSidecarCheckFailing"]),
        new("no listener fact: cannot say 'elsewhere'", "refused", ["moved", "listener cannot look"], ["SshConnectionRefused", "SshSidecarCheckFailing"]),
        new("no listener fact: cannot rule the server out", "connect_timeout", ["listener cannot look"], ["SshConnectionTimeout", "SshSidecarCheckFailing"]),
        new("no firewall fact: cannot rule the server out", "connect_timeout", ["firewall cannot look"], ["SshConnectionTimeout", "SshSidecarCheckFailing"]),
        new("no firewall at all is 'could not look' too", "connect_timeout", ["no firewall installed"], ["SshConnectionTimeout", "SshSidecarCheckFailing"]),
        new("a backend not installed is no fault", "connect_timeout", ["nftables not installed"], ["SshBlockedOutsideHost"]),
        new("a backend not readable fails its own part, not the firewall check", "connect_timeout", ["nftables cannot look"], ["SshBlockedOutsideHost", "SshSidecarCheckFailing"]),
        new("no loopback probe: cannot say 'not answering'", "banner_timeout", ["hung", "local_probe cannot look"], ["SshBannerTimeout", "SshSidecarCheckFailing"]),
        new("SSH works; a check that cannot look is a warning only", "success", ["service cannot look"], ["SshSidecarCheckFailing"]),
        new("a firewall that blocks is still seen without the loopback probe", "connect_timeout", ["firewall drops", "local_probe cannot look"], ["SshHostFirewallBlocking", "SshSidecarCheckFailing"]),

        // The local sshd alone (no remote probe): what the local view names by itself.
        new("the local sshd is fine", null, ["healthy"], []),
        new("host-wide causes need no probe", null, ["stopped"], ["SshDaemonNotRunning"]),
        new("host-wide causes need no probe", null, ["stopped", "keys missing"], ["SshHostKeysMissing"]),
        new("host-wide causes need no probe", null, ["stopped", "config invalid"], ["SshConfigInvalid"]),
        new("the next restart fails", null, ["config invalid"], ["SshRestartWouldFail"]),
        new("loopback silent while listening", null, ["hung"], ["SshDaemonNotAnswering"]),
        new("loopback gets another program", null, ["other program"], ["SshPortTakenByOtherService"]),
        new("sshd runs, nothing on its configured port", null, ["moved"], ["SshDaemonListensElsewhere"]),
        new("a firewall that lets no remote address in", null, ["firewall drops"], ["SshHostFirewallBlocking"]),
        new("two faults, as with a probe; the loopback's refusal follows from sshd down", null, ["stopped", "firewall drops"], ["SshDaemonNotRunning", "SshHostFirewallBlocking"]),
        new("could not look", null, ["service cannot look"], ["SshSidecarCheckFailing"]),
    ];
}
