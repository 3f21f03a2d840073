namespace SshExporter.Tests.Alerting;

/// <summary>
/// The alerting environment runs alone, after the other tests: its dozen exporters, sshds, Prometheus and
/// Alertmanager load the machine, and the other tests' timing bounds must not pay for that (nor it for theirs).
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone : ICollectionFixture<AlertingEnvironment>;
