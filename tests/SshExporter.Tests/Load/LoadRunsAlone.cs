namespace SshExporter.Tests.Load;

/// <summary>
/// The load runs run alone, after the other tests: they fill both cores and tens of thousands of descriptors, and the
/// other tests' timing bounds must not pay for that (nor the runs' latency figures for theirs).
/// </summary>
[CollectionDefinition(nameof(LoadRunsAlone), DisableParallelization = true)]
public sealed class LoadRunsAlone;
