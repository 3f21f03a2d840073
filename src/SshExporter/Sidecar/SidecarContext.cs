using System.Collections.Concurrent;
using SshExporter.Probing;
using SshExporter.Sidecar.Commands;

namespace SshExporter.Sidecar;

/// <summary>What every check of one run shares: the settings, the host's tools and clock, and the results so far.</summary>
public sealed class SidecarContext(
    SidecarSettings settings, ModuleSettings localProbeModule, ICommandRunner runner, TimeProvider time, TimeSpan budget)
{
    private readonly long _start = time.GetTimestamp();
    private readonly ConcurrentDictionary<Type, CheckResult> _results = new();

    public SidecarSettings Settings => settings;

    public HostPaths Paths { get; } = settings.Paths;

    /// <summary>The module the loopback probes run with.</summary>
    public ModuleSettings LocalProbeModule => localProbeModule;

    /// <summary>Runs the host's tools (systemctl, sshd, the firewall tools).</summary>
    public ICommandRunner Runner => runner;

    public TimeProvider Time => time;

    /// <summary>The whole run's time: a check still running when it is up could not look.</summary>
    public TimeSpan Budget => budget;

    /// <summary>What is left of <see cref="Budget"/>.</summary>
    public TimeSpan TimeLeft => budget - time.GetElapsedTime(_start);

    /// <summary>The result of a check named in <see cref="ISidecarCheck.Needs"/>, which has finished by then.</summary>
    public T Result<T>() where T : CheckResult =>
        _results.TryGetValue(typeof(T), out var result)
            ? (T)result
            : throw new InvalidOperationException($"no {typeof(T).Name} yet: name its check in Needs");

    internal void Add(CheckResult result) => _results[result.GetType()] = result;
}
