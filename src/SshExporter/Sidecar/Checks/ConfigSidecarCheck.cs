using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar.Checks;

/// <summary>Reads sshd_config and its includes: the ports, host keys and pid file the other checks look at.</summary>
public sealed class ConfigSidecarCheck : ISidecarCheck
{
    public string Name => SidecarChecks.Config;

    public IReadOnlyList<string> Needs => [];

    public Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken) =>
        Task.FromResult<CheckResult>(ConfigResult.Of(SshdConfigParser.Parse(context.Paths, context.Settings.SshdConfig), context.Settings));

    public CheckResult CouldNotRun(SidecarContext context, string reason) =>
        ConfigResult.Of(ParsedSshdConfig.Unreadable(context.Settings.SshdConfig, reason), context.Settings);
}

/// <summary>The parsed sshd_config, and the ports every later check watches.</summary>
/// <param name="Parsed">What sshd_config says.</param>
/// <param name="WatchedPorts">The ports sshd_config names and the extra ports, sorted and distinct.</param>
public sealed record ConfigResult(ParsedSshdConfig Parsed, IReadOnlyList<int> WatchedPorts) : CheckResult(Parsed.Status)
{
    public static ConfigResult Of(ParsedSshdConfig parsed, SidecarSettings settings) =>
        // Unreadable config: sshd would listen on its default port, so that is the one worth checking.
        new(parsed, [.. (parsed.Status.CouldRun ? parsed.Ports : [SshdDefaults.Port]).Concat(settings.ExtraPorts).Distinct().Order()]);

    public override string Describe() =>
        $"{Parsed.ConfigPath} makes sshd listen on port(s) {string.Join(", ", Parsed.Ports)}"
        + (Parsed.Problems.Count > 0 ? $"; problems: {string.Join("; ", Parsed.Problems)}" : "");

    public override void Write(SidecarGauges gauges)
    {
        var ports = gauges.Create("sshd_config_port_info", "1 for each port sshd_config makes sshd listen on (22 when it names none).", "port");
        if (Status.CouldRun)
        {
            foreach (int port in Parsed.Ports)
            {
                ports.WithLabels(SidecarGauges.Label(port)).Set(1);
            }
        }
    }
}
