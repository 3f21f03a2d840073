using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Load;

/// <summary>
/// bench/banner_peer.py: an SSH banner peer light enough to take thousands of connections at once on one thread,
/// so that under load the exporter, not the peer, sets the pace. Listens on 127.0.0.1 only.
/// </summary>
public sealed class BannerPeer : IAsyncDisposable
{
    private readonly BackgroundProcess _process;
    private readonly TempDirectory _directory;

    private BannerPeer(BackgroundProcess process, TempDirectory directory, int instant, int delayed)
    {
        _process = process;
        _directory = directory;
        InstantPort = instant;
        DelayedPort = delayed;
    }

    /// <summary>Sends the banner at once.</summary>
    public int InstantPort { get; }

    /// <summary>Sends it after 0.1 s.</summary>
    public int DelayedPort { get; }

    public static async Task<BannerPeer> StartAsync(CancellationToken cancellationToken)
    {
        string python = Requires.Tool("python3");
        var directory = new TempDirectory();
        string ports = Path.Combine(directory.Path, "ports");
        var process = BackgroundProcess.Start([python, RepositoryRoot.Combine("bench/banner_peer.py"), "--ports-file", ports]);
        await process.WaitUntilReadyAsync(() => Task.FromResult(File.Exists(ports)), TimeSpan.FromSeconds(30), cancellationToken);
        var named = File.ReadAllLines(ports).Select(line => line.Split(' ')).ToDictionary(f => f[0], f => int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
        return new BannerPeer(process, directory, named["instant"], named["delayed"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
