using SshExporter.Runbook;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar.Checks;

/// <summary>Runbook step 5: the host keys sshd loads exist, are not empty and can be read.</summary>
public sealed class HostKeysSidecarCheck : ISidecarCheck
{
    public string Name => SidecarChecks.HostKeys;

    /// <summary>The config names the host key files.</summary>
    public IReadOnlyList<string> Needs => [SidecarChecks.Config];

    public Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken) =>
        Task.FromResult<CheckResult>(new HostKeysResult(HostKeyCheck.Check(context.Paths, context.Result<ConfigResult>().Parsed)));

    public CheckResult CouldNotRun(SidecarContext context, string reason) => new HostKeysResult(new HostKeyReport([], CheckStatus.CouldNotRun(reason)));
}

public sealed record HostKeysResult(HostKeyReport Report) : CheckResult(Report.Status)
{
    public override string Describe() => string.Join("; ", Report.Keys.Select(k => k.Present
        ? $"{k.Type} {k.Path} present"
        : $"{k.Type} {k.Path} MISSING ({k.Reason}); fix: {HostKeyCheck.FixHint}"));

    public override IEnumerable<string> Alerts(SidecarReport report) =>
        Report.Keys.All(k => k.Present) ? [] : [RunbookLinks.Alert(SidecarFinding.HostKeyMissing)];

    public override void Write(SidecarGauges gauges)
    {
        var keys = gauges.Create("sshd_host_key_present", "1 when every host key file of that type exists, is non-empty and readable (fix: ssh-keygen -A).", "type");
        if (Status.CouldRun)
        {
            foreach (var byType in Report.Keys.GroupBy(k => k.Type))
            {
                keys.WithLabels(byType.Key).Set(byType.All(k => k.Present) ? 1 : 0);
            }
        }
    }
}
