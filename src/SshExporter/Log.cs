namespace SshExporter;

/// <summary>Every log line the exporter writes, source-generated so that no message is formatted unless logged.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded configuration from {ConfigSource}: {Modules} modules, {Targets} targets")]
    public static partial void ConfigLoaded(ILogger logger, string configSource, int modules, int targets);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rejected the new configuration, keeping the running one: {Reason}")]
    public static partial void ConfigRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloading configuration ({Trigger})")]
    public static partial void Reloading(ILogger logger, string trigger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of {Target} with module {Module}: {Outcome} in {Seconds:0.####}s")]
    public static partial void ProbeFinished(ILogger logger, Probing.TargetAddress target, string module, Probing.ProbeOutcome outcome, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a probe of {Target} with module {Module}: {Rule}")]
    public static partial void ProbeRefused(ILogger logger, Probing.TargetAddress target, string module, string rule);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idle after a burst: collected the heap and gave memory back, resident {BeforeMiB} MiB before, {AfterMiB} MiB after")]
    public static partial void MemoryTrimmed(ILogger logger, long beforeMiB, long afterMiB);

    // Debug, not warning: a flood of them would fill the console logger's queue, which then blocks the requests that
    // log; ssh_exporter_probe_local_failures_total and its alert say it instead.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not probe {Target} with module {Module} from this side ({Reason}): {Description}; no outcome reported for it")]
    public static partial void LocalProbeFailure(ILogger logger, Probing.TargetAddress target, string module, string reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Skipped} of {Targets} targets of a /metrics scrape: their timeout no longer fitted in the scrape's {Seconds:0.###}s when one of the {Concurrency} probe slots came free (raise --probe.max-sockets and the open-files limit, --probe.concurrency if set, or the scrape timeout)")]
    public static partial void ProbesSkipped(ILogger logger, int skipped, int targets, double seconds, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "ssh_exporter {Version} listening on {Addresses}: mode {Mode}, {Targets} targets, {Modules} modules, sidecar checks {SidecarChecks}; lifecycle API {Lifecycle}, TLS {Tls}, basic auth {BasicAuth}")]
    public static partial void Started(
        ILogger logger, string version, string addresses, string mode, int targets, int modules, string sidecarChecks, string lifecycle, string tls, string basicAuth);
}
