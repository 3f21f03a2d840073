using SshExporter.Probing;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Checks;
using SshExporter.Sidecar.Listener;

namespace SshExporter.Diagnosis;

/// <summary>
/// The facts the rules read from the sidecar's series, read here from its report with the same meaning: a check
/// that could not look writes no series, so every fact it would give is unknown (null or false below), never a fault.
/// </summary>
internal sealed class LocalView(SidecarReport report)
{
    private readonly ServiceResult? _service = Looked(report.Get<ServiceResult>());
    private readonly ConfigValidResult? _configValid = Looked(report.Get<ConfigValidResult>());
    private readonly HostKeysResult? _hostKeys = Looked(report.Get<HostKeysResult>());
    private readonly ListenerResult? _listener = Looked(report.Get<ListenerResult>());
    private readonly FirewallResult? _firewall = Looked(report.Get<FirewallResult>());
    private readonly LocalProbeResult? _localProbe = Looked(report.Get<LocalProbeResult>());

    public SidecarReport Report => report;

    public ServiceResult? Service => _service;

    /// <summary><c>sshd_service_active == 0</c>.</summary>
    public bool ServiceInactive => _service is { Report.Active: false };

    /// <summary><c>sshd_service_active == 1</c>.</summary>
    public bool ServiceActive => _service is { Report.Active: true };

    /// <summary><c>sshd_listener_up == 1</c> on some watched port: something listens, sshd or another program.</summary>
    public bool AnyPortListening => _listener is not null && _listener.Report.Ports.Any(port => port.Listening);

    /// <summary><c>host:sshd_service_active:down</c>: the service is inactive and nothing listens on a port sshd_config names.</summary>
    public bool SshdDown => ServiceInactive && !AnyPortListening;

    /// <summary><c>sshd_config_valid == 0</c>.</summary>
    public bool ConfigInvalid => _configValid is { Validity.Valid: false };

    public string? ConfigError => _configValid?.Validity.FirstErrorLine;

    /// <summary>
    /// <c>max by (host) (sshd_host_key_present) == 0</c>: no key type has all its files present (a type counts only
    /// when every file of it is there), so sshd has no host key to load.
    /// </summary>
    public bool NoHostKeyPresent => _hostKeys is { Report.Keys.Count: > 0 } looked
        && looked.Report.Keys.GroupBy(key => key.Type).All(type => type.Any(key => !key.Present));

    public IEnumerable<string> MissingHostKeys => _hostKeys?.Report.Keys.Where(key => !key.Present).Select(key => $"{key.Path} ({key.Reason})") ?? [];

    /// <summary>The ports the sidecar watches: those sshd_config names and the configured extra ones.</summary>
    public IReadOnlyList<int> WatchedPorts => report.Get<ConfigResult>()?.WatchedPorts ?? [];

    /// <summary>The listener check looked at <paramref name="port"/> (<c>sshd_listener_up{port}</c> exists).</summary>
    public PortListeners? Listeners(int port) => _listener?.Report.ForPort(port);

    /// <summary><c>sshd_listener_up{port} == 1</c>.</summary>
    public bool Listening(int port) => Listeners(port) is { Listening: true };

    /// <summary><c>sshd_listener_info{port, address}</c> on an address that is not loopback: a remote client can reach it.</summary>
    public bool ListensReachably(int port) => Listeners(port) is { } listeners && listeners.Sockets.Any(socket => !socket.IsLoopback);

    /// <summary><c>sshd_firewall_port_allowed{port} == 0</c> for some backend that could look.</summary>
    public bool FirewallBlocks(int port) => BlockingDecisions(port).Any();

    /// <summary>Each backend that blocks <paramref name="port"/>, with the rule that decides.</summary>
    public IEnumerable<string> BlockingDecisions(int port) =>
        _firewall?.Report.Backends.Where(backend => backend.Status.CouldRun && backend.For(port) is { Allowed: false })
            .Select(backend => $"{backend.Backend}: {backend.For(port)}") ?? [];

    /// <summary>The outcome of the loopback probe of <paramref name="port"/> (<c>sshd_local_probe_outcome</c>), if it ran.</summary>
    public ProbeResult? Loopback(int port) => _localProbe?.Probes.FirstOrDefault(probe => probe.Port == port)?.Result;

    /// <summary>The ports the loopback probe dialled, with what each found.</summary>
    public IEnumerable<LocalProbe> LoopbackProbes => _localProbe?.Probes ?? [];

    /// <summary><c>sshd_check_success{check} == 0</c>: the checks, and parts (firewall_BACKEND), that could not look.</summary>
    public IReadOnlyList<(string Check, string Reason)> CouldNotLook { get; } =
    [
        .. report.Checks.Where(outcome => !outcome.Result.Status.CouldRun).Select(outcome => (outcome.Check, outcome.Result.Status.Detail))
            .Concat(report.Checks.SelectMany(outcome => outcome.Result.Parts).Where(part => !part.Value.CouldRun).Select(part => (part.Key, part.Value.Detail))),
    ];

    /// <summary>Whether the check named <paramref name="check"/> could not look (<c>sshd_check_success{check} == 0</c>).</summary>
    public bool CouldNotLookAt(string check) => CouldNotLook.Any(failed => failed.Check == check);

    /// <summary>The check's result when it could look; its series are absent otherwise.</summary>
    private static T? Looked<T>(T? result) where T : CheckResult => result is { Status.CouldRun: true } ? result : null;
}
