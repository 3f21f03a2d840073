using SshExporter.Probing;
using SshExporter.Runbook;

namespace SshExporter.Hosting;

/// <summary>What the command line says; defaults match the flags' documented defaults.</summary>
public sealed record ExporterOptions
{
    public const string DefaultListenAddress = ":9722";

    public string? ConfigFile { get; init; }

    public IReadOnlyList<string> ListenAddresses { get; init; } = [DefaultListenAddress];

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Subtracted from Prometheus's scrape timeout so that the answer arrives before it gives up.</summary>
    public TimeSpan TimeoutOffset { get; init; } = ScrapeBudget.DefaultOffset;

    /// <summary>How many targets of one <c>/metrics</c> scrape are probed at once.</summary>
    public int ProbeConcurrency { get; init; } = 1024;

    /// <summary>Probe sockets open at once across every request (<c>--probe.max-sockets</c>); 0 sizes it from the descriptor limit.</summary>
    public int ProbeMaxSockets { get; init; }

    /// <summary>The runbook the pages link to: the operator's copy, or the project's.</summary>
    public RunbookLinks Runbook { get; init; } = RunbookLinks.Default;
}
