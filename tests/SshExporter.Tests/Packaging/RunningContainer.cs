using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Packaging;

/// <summary>A container that a test runs in the background with podman; disposing removes it, running or not.</summary>
public sealed class RunningContainer : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);

    /// <summary>What <c>podman stop</c> gives the program after its SIGTERM before it sends SIGKILL.</summary>
    private const int StopSeconds = 10;

    private RunningContainer(string name) => Name = name;

    public string Name { get; }

    /// <summary>
    /// <c>podman run --detach</c> of <paramref name="image"/> with <paramref name="options"/>, and
    /// <paramref name="arguments"/> in place of the image's command when there are any.
    /// </summary>
    public static async Task<RunningContainer> StartAsync(
        IReadOnlyList<string> options, string image, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var container = new RunningContainer($"ssh-exporter-test-{Guid.NewGuid():N}"[..30]);
        try
        {
            await Podman.RunCheckedAsync(["run", "--detach", "--name", container.Name, .. options, image, .. arguments], CommandLimit, cancellationToken);
        }
        catch (Exception e)
        {
            // A container that was created but did not start is there all the same.
            await Cleanup.AfterFailureAsync(e, container);
            throw;
        }

        return container;
    }

    /// <summary><c>podman inspect --format FORMAT</c> of this container, trimmed.</summary>
    public async Task<string> InspectAsync(string format, CancellationToken cancellationToken) =>
        (await Podman.RunCheckedAsync(["inspect", "--format", format, Name], CommandLimit, cancellationToken)).Trim();

    /// <summary>What the program printed so far, standard output and then standard error.</summary>
    public async Task<string> LogsAsync(CancellationToken cancellationToken)
    {
        var logs = await Podman.RunAsync(["logs", Name], CommandLimit, cancellationToken);
        return logs.Stdout + logs.Stderr;
    }

    /// <summary><c>podman stop</c>, as an orchestrator stops it (SIGTERM), and the program's exit code.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        await Podman.RunCheckedAsync(["stop", "--time", $"{StopSeconds}", Name], CommandLimit, cancellationToken);
        return int.Parse(await InspectAsync("{{.State.ExitCode}}", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        var removed = await Podman.RunAsync(["rm", "--force", "--time", "0", Name], CommandLimit, CancellationToken.None);
        if (removed.ExitCode != 0 && !removed.Stderr.Contains("no such container", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"podman rm {Name} failed: {removed}");
        }
    }
}
