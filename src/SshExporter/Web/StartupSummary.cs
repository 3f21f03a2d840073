using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Metrics;
using SshExporter.Probing;

namespace SshExporter.Web;

/// <summary>
/// What the exporter said it would do when it started, in one log line: whether it probes configured targets, checks
/// the sshd beside it, or both; which local checks; where it listens; and who may do what over HTTP.
/// </summary>
public sealed record StartupSummary(
    string Mode, int Targets, int Modules, IReadOnlyList<string> SidecarChecks, IReadOnlyList<string> Addresses, bool Lifecycle, bool Tls, bool BasicAuth)
{
    /// <summary><paramref name="basicAuth"/>: whether the web server asks for a password; nothing configures that yet.</summary>
    public static StartupSummary Of(ExporterConfig config, ExporterOptions options, IReadOnlyList<string> addresses, SshProber prober, bool basicAuth = false)
    {
        // /probe answers in every mode; "prober" means configured targets for /metrics, or no sidecar to do instead.
        string mode = (config.Sidecar.Enabled, config.Targets.Count > 0) switch
        {
            (true, true) => "both",
            (true, false) => "sidecar",
            _ => "prober",
        };
        IReadOnlyList<string> checks = config.Sidecar.Enabled ? [.. Sidecar.SidecarChecks.All(prober).Select(check => check.Name)] : [];
        // Kestrel names a listener that speaks TLS https://.
        bool tls = addresses.Count > 0 && addresses.All(address => address.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        return new StartupSummary(mode, config.Targets.Count, config.Modules.Count, checks, addresses, options.EnableLifecycle, tls, basicAuth);
    }

    public void Log(ILogger logger)
    {
        // Once per start: the text is cheap, but the analyser cannot know it runs once.
        string addresses = string.Join(", ", Addresses);
        string checks = SidecarChecks.Count > 0 ? string.Join(",", SidecarChecks) : "none";
        string lifecycle = OnOff(Lifecycle);
        string tls = OnOff(Tls);
        string basicAuth = OnOff(BasicAuth);
        SshExporter.Log.Started(logger, ExporterMetrics.Version, addresses, Mode, Targets, Modules, checks, lifecycle, tls, basicAuth);
    }

    private static string OnOff(bool enabled) => enabled ? "enabled" : "disabled";
}
