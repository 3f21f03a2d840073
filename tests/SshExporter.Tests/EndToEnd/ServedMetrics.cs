using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.EndToEnd;

/// <summary>
/// What the exporter serves, for the contract tests of README, rules, runbook and dashboards: the families of ours
/// on /metrics with the sidecar on and a real sshd as the target of a module with every stage (its KEXINIT, a host
/// key exchange, a pin), and on /probe; and the outcome label values of ssh_probe_outcome.
/// </summary>
public static class ServedMetrics
{
    public static async Task<(HashSet<string> Families, HashSet<string> Outcomes)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var sshd = await SshdFixture.StartAsync(cancellationToken);
        // Any well-formed pin: the series says whether it matches, and is served either way.
        string pin = "SHA256:" + new string('A', 43);
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig(
            $"modules: {{all: {{host_key: {{}}}}}}\ntargets: [{{address: \"{sshd.Target}\", module: all, host_key_fingerprints: [\"{pin}\"]}}]\nsidecar: {{}}\n"));
        string metrics = await exporter.GetTextAsync("/metrics");
        string probe = await exporter.GetTextAsync($"/probe?target={sshd.Target}");
        var families = ExpositionText.FamilyNames(metrics).Concat(ExpositionText.FamilyNames(probe))
            .Where(family => family.StartsWith("ssh", StringComparison.Ordinal))
            .ToHashSet();
        var outcomes = ExpositionText.Parse(probe).Where(sample => sample.Name == "ssh_probe_outcome").Select(sample => sample.Label("outcome")).ToHashSet();
        return (families, outcomes);
    }
}
