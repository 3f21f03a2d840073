using SshExporter.Runbook;
using SshExporter.Sidecar.SshdConfig;

namespace SshExporter.Sidecar.Checks;

/// <summary>Runbook step 2: does sshd itself accept its config (<c>sshd -t</c>)?</summary>
public sealed class ConfigValidSidecarCheck : ISidecarCheck
{
    public string Name => SidecarChecks.ConfigValid;

    public IReadOnlyList<string> Needs => [];

    public async Task<CheckResult> RunAsync(SidecarContext context, CancellationToken cancellationToken) =>
        new ConfigValidResult(await new SshdConfigValidator(context.Runner, context.Settings.SshdBinary)
            .ValidateAsync(context.Paths, context.Settings.SshdConfig, cancellationToken));

    public CheckResult CouldNotRun(SidecarContext context, string reason) => new ConfigValidResult(SshdConfigValidity.CouldNotRun(reason));
}

public sealed record ConfigValidResult(SshdConfigValidity Validity) : CheckResult(Validity.Status)
{
    public override string Describe() => Validity.Valid
        ? "sshd -t accepts the configuration"
        : $"sshd -t REJECTS the configuration: {Validity.FirstErrorLine}";

    public override IEnumerable<string> Alerts(SidecarReport report) =>
        Validity.Valid ? [] : [RunbookLinks.Alert(SidecarFinding.ConfigInvalid)];

    public override void Write(SidecarGauges gauges) =>
        gauges.Flag("sshd_config_valid", "1 when sshd -t accepts the configuration.", Status, Validity.Valid);
}
