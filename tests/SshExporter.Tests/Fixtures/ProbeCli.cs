namespace SshExporter.Tests.Fixtures;

/// <summary>
/// The exporter's one-shot <c>probe</c> command, run as a real process (the apphost next to the test
/// assembly) with a config whose module has a short timeout, and its report read back as samples.
/// </summary>
public sealed class ProbeCli
{
    public const string ModuleName = "quick";
    public static readonly TimeSpan ModuleTimeout = TimeSpan.FromSeconds(2);

    private ProbeCli(ExternalCommand.Result run)
    {
        Run = run;
        // The report's metrics stand among its other sections; every one is an ssh_ series.
        Samples = ExpositionText.Samples(string.Join('\n', run.Stdout.Split('\n').Where(line => line.StartsWith("ssh_", StringComparison.Ordinal))));
    }

    public ExternalCommand.Result Run { get; }

    /// <summary>Each sample of the report's metrics by its series, e.g. <c>ssh_probe_outcome{outcome="refused"}</c>.</summary>
    public Dictionary<string, double> Samples { get; }

    public static string Executable => ExporterProcess.Executable;

    /// <summary>The outcomes whose <c>ssh_probe_outcome</c> series is 1: exactly one when the report is right.</summary>
    public IReadOnlyList<string> OutcomesSet =>
        [.. Samples.Where(s => s.Value == 1 && s.Key.StartsWith("ssh_probe_outcome{", StringComparison.Ordinal))
            .Select(s => s.Key["ssh_probe_outcome{outcome=\"".Length..^2])];

    public double? Value(string series) => Samples.TryGetValue(series, out double value) ? value : null;

    /// <summary>Probes <paramref name="target"/> from the host.</summary>
    public static Task<ProbeCli> RunAsync(string target, CancellationToken cancellationToken) =>
        RunAsync((file, arguments, limit) => ExternalCommand.RunAsync(file, arguments, limit, cancellationToken), target);

    /// <summary>Probes <paramref name="target"/> from inside <paramref name="inside"/>.</summary>
    public static Task<ProbeCli> RunInsideAsync(NetworkNamespace inside, string target, CancellationToken cancellationToken) =>
        RunAsync((file, arguments, limit) => inside.RunAsync(file, arguments, limit, cancellationToken), target);

    private static async Task<ProbeCli> RunAsync(Func<string, string[], TimeSpan, Task<ExternalCommand.Result>> run, string target)
    {
        Assert.True(File.Exists(Executable), $"the exporter's apphost should be next to the tests: {Executable}");
        using var directory = new TempDirectory();
        string config = directory.Write("probe.yml", $"modules:\n  {ModuleName}:\n    timeout: {ModuleTimeout.TotalSeconds:0}s\n");
        // Generous: the process starts a .NET runtime, then probes for at most the module's timeout.
        var result = await run(
            Executable, ["probe", "--target", target, "--module", ModuleName, "--config.file", config], ModuleTimeout + TimeSpan.FromSeconds(20));
        return new ProbeCli(result);
    }
}
