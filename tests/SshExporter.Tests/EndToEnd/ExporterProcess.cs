using System.Diagnostics;
using System.Text;

namespace SshExporter.Tests.EndToEnd;

/// <summary>The exporter as its users run it: the built executable in its own process, with flags.</summary>
public sealed class ExporterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExporterProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "SshExporter");

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ExporterProcess Start(params string[] arguments) => StartCommand([Executable, .. arguments]);

    /// <summary>Starts a command line that runs the exporter, such as one wrapped in <c>ip netns exec</c>.</summary>
    public static ExporterProcess StartCommand(IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        return new ExporterProcess(Process.Start(start)!);
    }

    /// <summary>Runs to completion and returns the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var process = Start(arguments);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process._process.WaitForExitAsync(timeout.Token);
        process._process.WaitForExit(); // flushes the redirected output
        return (process._process.ExitCode, process.Output);
    }

    /// <summary>Polls until the exporter answers readiness at the client's base address.</summary>
    public async Task WaitUntilServingAsync(HttpClient http)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            Assert.False(_process.HasExited, $"the exporter exited early:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/-/ready", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the exporter did not become ready:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
