using SshExporter.Hosting;

namespace SshExporter.Tests.Fixtures;

/// <summary>The exporter as its users run it: the built executable in its own process, with flags.</summary>
public sealed class ExporterProcess : IAsyncDisposable
{
    /// <summary>Generous: the .NET runtime starts first, on a machine that may be busy with other tests.</summary>
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    private readonly BackgroundProcess _process;

    private ExporterProcess(BackgroundProcess process) => _process = process;

    /// <summary>
    /// The binary every test runs: the apphost next to the test assembly, or the one <c>SSH_EXPORTER_BINARY</c> names
    /// (such as the Native AOT publish), so that the whole suite can run against the build that ships.
    /// </summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("SSH_EXPORTER_BINARY") is { Length: > 0 } binary
        ? File.Exists(binary) ? Path.GetFullPath(binary) : throw new InvalidOperationException($"SSH_EXPORTER_BINARY names no file: {binary}")
        : Path.Combine(AppContext.BaseDirectory, "ssh_exporter");

    /// <summary>The port it listens on without <c>--web.listen-address</c>, as the exporter itself defines it.</summary>
    public static int DefaultPort { get; } = ListenAddress.TryParse(ExporterOptions.DefaultListenAddress, out var listen, out string error)
        ? listen!.Port
        : throw new InvalidOperationException(error);

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => _process.Output;

    public static ExporterProcess Start(params string[] arguments) => StartCommand([Executable, .. arguments]);

    /// <summary>Starts a command line that runs the exporter, such as one wrapped in <c>ip netns exec</c>.</summary>
    public static ExporterProcess StartCommand(IReadOnlyList<string> command) => new(BackgroundProcess.Start(command));

    /// <summary>Runs to completion and returns the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = Start(arguments);
        await process._process.WaitForExitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return (process._process.ExitCode, process.Output);
    }

    /// <summary>Until the exporter answers readiness at the client's base address; fails the test, with its output, if it exits first.</summary>
    public Task WaitUntilServingAsync(HttpClient http) => ReadyEndpoint.WaitAsync(_process, http, ReadyLimit, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
