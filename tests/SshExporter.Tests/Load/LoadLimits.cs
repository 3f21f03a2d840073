using System.Globalization;
using SshExporter.Probing.Sockets;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Load;

/// <summary>
/// Descriptor limits for the load runs: 10,000 concurrent requests need 10,000 client sockets here and as many HTTP
/// connections in the exporter, beside its probe sockets. The exporter and the peer inherit this process's limit,
/// which is raised where it may be (root with CAP_SYS_RESOURCE); elsewhere it must already be high enough.
/// </summary>
public static class LoadLimits
{
    public const int Wanted = 65536;

    /// <summary>Enough for the largest run: 10,000 connections on each side, the exporter's runtime and its probe sockets.</summary>
    public const int Needed = 16384;

    /// <summary>Raises this process's limit, or skips the test when it stays under <paramref name="needed"/>.</summary>
    public static async Task RaiseOwnAsync(CancellationToken cancellationToken, int needed = Needed)
    {
        if (SocketBudgetSize.ReadDescriptorLimit() >= Wanted)
        {
            return;
        }

        // Fails without CAP_SYS_RESOURCE above the hard limit; then the limit there is has to do.
        await ExternalCommand.RunAsync(Requires.Tool("prlimit"),
            ["--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), $"--nofile={Wanted}:{Wanted}"], TimeSpan.FromSeconds(10), cancellationToken);
        long limit = SocketBudgetSize.ReadDescriptorLimit();
        Assert.SkipWhen(limit < needed, $"needs an open-files limit of at least {needed} (it is {limit}; root can raise it)");
    }
}
