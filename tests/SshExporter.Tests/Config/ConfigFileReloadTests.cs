using System.Diagnostics;
using System.Globalization;
using System.Net;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Config;

/// <summary>
/// The real exporter given a config file that is a FIFO, <c>/dev/zero</c> or an alias bomb: a reload (HTTP or
/// SIGHUP) answers at once, keeps the running config and says why; the process stays up and small; a start or
/// <c>--config.check</c> with such a file exits 1 with the same one-line reason.
/// </summary>
[NeedsTool("mkfifo")]
[NeedsExporterBinary]
public class ConfigFileReloadTests
{
    /// <summary>Generous for a loaded machine; a reload that blocks on a FIFO never ends at all.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    /// <summary>The exporter serves in well under 100 MiB; reading /dev/zero took it to gigabytes.</summary>
    private const long MaxResidentBytes = 300L * 1024 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reload_from_a_fifo_answers_at_once_and_the_running_targets_stay()
    {
        await using var running = await RunningExporter.StartAsync();
        File.Delete(running.ConfigPath);
        await ExternalCommand.RunCheckedAsync(Requires.Tool("mkfifo"), [running.ConfigPath], Token);

        await running.AssertReloadRefusedAsync("the config file is a FIFO (named pipe), not a regular file (a symlink to one is fine)");
        await running.SignalReloadAsync();
        await running.AssertReloadRefusedAsync("the config file is a FIFO (named pipe)");
        await running.AssertStillServingTheFirstConfigAsync();
    }

    [Fact]
    public async Task A_reload_from_dev_zero_by_http_and_by_sighup_keeps_the_process_up_and_small()
    {
        await using var running = await RunningExporter.StartAsync();
        File.Delete(running.ConfigPath);
        File.CreateSymbolicLink(running.ConfigPath, "/dev/zero");

        await running.AssertReloadRefusedAsync("the config file is a character device, not a regular file (a symlink to one is fine)");
        await running.SignalReloadAsync();
        await running.AssertReloadRefusedAsync("the config file is a character device");

        Assert.InRange(running.ResidentBytes(), 0, MaxResidentBytes);
        await running.AssertStillServingTheFirstConfigAsync();
    }

    [Fact]
    public async Task A_reload_of_an_alias_bomb_is_refused_and_metrics_stay_as_they_were()
    {
        await using var running = await RunningExporter.StartAsync();
        await File.WriteAllTextAsync(running.ConfigPath, AliasBomb.Text(targets: 1_000), Token);

        await running.AssertReloadRefusedAsync("once its aliases (*name) are written out");

        string metrics = await running.AssertStillServingTheFirstConfigAsync();
        Assert.True(metrics.Length < 1024 * 1024, $"/metrics is {metrics.Length} characters");
    }

    [Fact]
    public async Task A_reload_of_a_file_that_makes_the_yaml_parser_throw_a_plain_exception_keeps_the_process_up()
    {
        await using var running = await RunningExporter.StartAsync();
        // A tag that is no URI: YamlDotNet's parser throws an ArgumentException, which SIGHUP's handler did not catch.
        await File.WriteAllTextAsync(running.ConfigPath, "!!i+4]xp\ntargets: []\n", Token);

        await running.AssertReloadRefusedAsync("Global tags must be valid URIs.");
        await running.SignalReloadAsync();
        await running.AssertStillServingTheFirstConfigAsync();
    }

    [Theory]
    [InlineData("fifo", "the config file is a FIFO (named pipe), not a regular file (a symlink to one is fine)")]
    [InlineData("/dev/zero", "the config file is a character device, not a regular file (a symlink to one is fine)")]
    [InlineData("empty", "the file has no settings (empty, or only comments or '---'); write `targets: []` for a config with no targets")]
    public async Task Start_and_config_check_exit_1_with_the_same_one_line_reason(string file, string reason)
    {
        string path = ConfigFiles.Write("");
        if (file != "empty")
        {
            File.Delete(path);
            if (file == "fifo")
            {
                await ExternalCommand.RunCheckedAsync(Requires.Tool("mkfifo"), [path], Token);
            }
            else
            {
                File.CreateSymbolicLink(path, file);
            }
        }

        var (checkExit, checkOutput) = await ExporterProcess.RunAsync("--config.check", $"--config.file={path}");
        var (startExit, startOutput) = await ExporterProcess.RunAsync($"--config.file={path}", $"--web.listen-address=127.0.0.1:{ClosedPort.Find()}");

        Assert.Equal((1, $"{path}: {reason}"), (checkExit, checkOutput.Trim()));
        Assert.Equal((1, $"error loading config: {path}: {reason}"), (startExit, startOutput.Trim()));
    }

    /// <summary>An exporter process serving a one-target config file, which the test then replaces.</summary>
    private sealed class RunningExporter : IAsyncDisposable
    {
        private readonly ExporterProcess _process;
        private readonly int _target;

        private RunningExporter(ExporterProcess process, HttpClient http, string configPath, int target)
        {
            _process = process;
            Http = http;
            ConfigPath = configPath;
            _target = target;
        }

        public HttpClient Http { get; }

        public string ConfigPath { get; }

        public static async Task<RunningExporter> StartAsync()
        {
            int target = ClosedPort.Find();
            int port = ClosedPort.Find();
            string path = ConfigFiles.Write($"targets: [{{address: \"127.0.0.1:{target}\"}}]\n");
            // A process of its own: the reload gauge is the process's.
            var process = ExporterProcess.Start($"--config.file={path}", $"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle");
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await process.WaitUntilServingAsync(http);
            return new RunningExporter(process, http, path, target);
        }

        public async Task AssertReloadRefusedAsync(string reason)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await Http.PostAsync("/-/reload", null, Token);
            string body = await response.Content.ReadAsStringAsync(Token);

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.StartsWith($"failed to reload config: {ConfigPath}:", body, StringComparison.Ordinal);
            Assert.Contains(reason, body, StringComparison.Ordinal);
            Assert.True(stopwatch.Elapsed < Prompt, $"the reload took {stopwatch.Elapsed}");
        }

        /// <summary>Sends SIGHUP and waits until the process has logged the rejection.</summary>
        public async Task SignalReloadAsync()
        {
            int rejectedBefore = Rejections();
            await ExternalCommand.RunCheckedAsync("kill", ["-HUP", _process.Id.ToString(CultureInfo.InvariantCulture)], Token);
            Assert.True(await Poll.UntilAsync(() => Task.FromResult(Rejections() > rejectedBefore), Prompt, Token), _process.Output);
            Assert.False(_process.HasExited, _process.Output);
        }

        /// <summary>The first config's target is still probed, and the reload gauge says the last reload failed.</summary>
        public async Task<string> AssertStillServingTheFirstConfigAsync()
        {
            Assert.False(_process.HasExited, _process.Output);
            string metrics = await Http.GetStringAsync("/metrics", Token);
            Assert.Equal(1, Value(metrics, $$"""ssh_connection_refused{target="127.0.0.1:{{_target}}"}"""));
            Assert.Equal(0, Value(metrics, "ssh_exporter_config_last_reload_successful"));
            return metrics;
        }

        public long ResidentBytes()
        {
            string line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }

        private int Rejections() =>
            _process.Output.Split('\n').Count(l => l.Contains("Rejected the new configuration, keeping the running one", StringComparison.Ordinal));

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _process.DisposeAsync();
        }
    }
}
