using SshExporter.Hosting;

namespace SshExporter.Tests.Fixtures;

/// <summary>The exporter as its users run it: the built executable in its own process, with flags.</summary>
public sealed class ExporterProcess : IAsyncDisposable
{
    /// <summary>Generous: the .NET runtime starts first, on a machine that may be busy with other tests.</summary>
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    private readonly BackgroundProcess _process;

    private ExporterProcess(BackgroundProcess process) => _process = process;

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "ssh_exporter");

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
