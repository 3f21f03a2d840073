using System.Globalization;
using System.Net;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Load;

/// <summary>
/// Asks <c>/-/healthy</c> every 50 ms while a load runs and keeps each answer's latency, from a process of its own
/// (health_sampler.py) with one keep-alive connection: neither the load's thousands of requests from this process nor
/// this runtime's garbage collections (which stop all its threads) can delay a sample and make the exporter look slow.
/// </summary>
public sealed class HealthSampler : IAsyncDisposable
{
    private readonly BackgroundProcess _process;

    /// <summary>Lines printed before the load started: the connection's first sample.</summary>
    private readonly int _before;

    private HealthSampler(BackgroundProcess process, int before)
    {
        _process = process;
        _before = before;
    }

    /// <summary>Starts sampling; returns once the first sample is in, so that its connection is open before the load.</summary>
    public static async Task<HealthSampler> StartAsync(int port, CancellationToken cancellationToken)
    {
        var process = BackgroundProcess.Start(
            ["nice", "-n", "-10", Requires.Tool("python3"), RepositoryRoot.Combine("tests/SshExporter.Tests/Load/health_sampler.py"), port.ToString(CultureInfo.InvariantCulture)]);
        await process.WaitUntilReadyAsync(() => Task.FromResult(process.Output.Contains('\n', StringComparison.Ordinal)), TimeSpan.FromSeconds(30), cancellationToken);
        return new HealthSampler(process, process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>Stops sampling and returns every sample taken since the start.</summary>
    public async Task<IReadOnlyList<(TimeSpan Latency, HttpStatusCode Status)>> StopAsync()
    {
        await _process.KillAsync();
        return [.. _process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(_before)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length == 2)
            .Select(fields => (TimeSpan.FromMilliseconds(double.Parse(fields[1], CultureInfo.InvariantCulture)), (HttpStatusCode)int.Parse(fields[0], CultureInfo.InvariantCulture)))];
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
