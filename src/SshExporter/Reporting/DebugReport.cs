using System.Text;
using SshExporter.Config;
using SshExporter.Metrics;
using SshExporter.Probing;

namespace SshExporter.Reporting;

/// <summary>
/// The human-readable account of one probe, for <c>/probe?debug=true</c> and the <c>probe</c> command, laid out as
/// blackbox_exporter's debug output: the steps, then the metrics the probe produced, then the module it ran with.
/// A failed probe's steps end with the runbook section about its outcome.
/// </summary>
public static class DebugReport
{
    public static async Task<string> RenderAsync(ProbeTrace trace, ProbeResults series, ProbeJob job, string? runbookUrl)
    {
        using var metrics = new MemoryStream();
        await Exposition.Text.WriteAsync(metrics, [series], CancellationToken.None);
        var text = new StringBuilder();
        text.Append("Logs for the probe:\n").Append(trace);
        if (runbookUrl is not null)
        {
            text.Append("Runbook: ").Append(runbookUrl).Append('\n');
        }

        text.Append('\n');
        text.Append("Metrics that would have been returned:\n").Append(Encoding.UTF8.GetString(metrics.ToArray())).Append('\n');
        text.Append("Module configuration:\n").Append(ConfigYaml.Module(job.ModuleName, job.Module)).Append('\n');
        return text.ToString();
    }
}
