using SshExporter.Probing;
using SshExporter.Runbook;

namespace SshExporter.Hosting;

/// <summary>What the command line says; defaults match the flags' documented defaults.</summary>
public sealed record ExporterOptions
{
    public const string DefaultListenAddress = ":9722";

    public string? ConfigFile { get; init; }

    public IReadOnlyList<string> ListenAddresses { get; init; } = [DefaultListenAddress];

    /// <summary>exporter-toolkit's web config file (TLS, basic auth, headers); none serves plain HTTP.</summary>
    public string? WebConfigFile { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public Logging.LogFormat LogFormat { get; init; } = Logging.LogFormat.Logfmt;

    /// <summary><c>--web.enable-lifecycle</c>: whether <c>POST /-/reload</c> may reload; SIGHUP always may.</summary>
    public bool EnableLifecycle { get; init; }

    /// <summary>Subtracted from Prometheus's scrape timeout so that the answer arrives before it gives up.</summary>
    public TimeSpan TimeoutOffset { get; init; } = ScrapeBudget.DefaultOffset;

    /// <summary>How many targets of one <c>/metrics</c> scrape are probed at once; 0 as many as the socket budget holds.</summary>
    public int ProbeConcurrency { get; init; }

    /// <summary>Probe sockets open at once across every request (<c>--probe.max-sockets</c>); 0 sizes it from the descriptor limit.</summary>
    public int ProbeMaxSockets { get; init; }

    /// <summary>The runbook the pages link to: the operator's copy, or the project's.</summary>
    public RunbookLinks Runbook { get; init; } = RunbookLinks.Default;
}
