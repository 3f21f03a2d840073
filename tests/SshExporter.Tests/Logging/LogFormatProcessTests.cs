using System.Globalization;
using System.Text.Json;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Logging;

/// <summary>
/// <c>--log.format</c> on the real process: every line it writes to standard error, from its own code and from
/// ASP.NET's alike, is one record that a logfmt or JSON reader takes whole, with time, level, source and msg first;
/// standard output stays empty. A config path that needs quoting runs through load, reload and rejection.
/// </summary>
[NeedsExporterBinary]
public class LogFormatProcessTests
{
    private static readonly TimeSpan LogLimit = TimeSpan.FromSeconds(30);
    private static readonly string[] Levels = ["DEBUG", "INFO", "WARN", "ERROR"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("logfmt")]
    [InlineData("json")]
    public async Task Every_line_of_a_debug_run_is_one_record_whose_fields_read_back_exactly(string format)
    {
        using var directory = new TempDirectory();
        int closed = ClosedPort.Find();
        string config = directory.Write("odd dir=\"x\" é/config.yml", $"targets: [{{address: \"127.0.0.1:{closed}\"}}]\n");
        string stderr = Path.Combine(directory.Path, "stderr");
        int port = ClosedPort.Find();
        await using var exporter = ExporterProcess.StartCommand(
        [
            "sh", "-c", "f=$1; shift; exec \"$@\" 2>\"$f\"", "sh", stderr, ExporterProcess.Executable,
            $"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=debug", $"--log.format={format}",
        ]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);

        (await http.GetAsync("/metrics", Token)).Dispose();
        (await http.GetAsync($"/probe?target=127.0.0.1:{closed}", Token)).Dispose();
        await File.WriteAllTextAsync(config, "targets:\n  - adress: 127.0.0.1:22\n", Token);
        await ExternalCommand.RunCheckedAsync("kill", ["-HUP", exporter.Id.ToString(CultureInfo.InvariantCulture)], Token);
        IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> records = [];
        Assert.True(
            await Poll.UntilAsync(
                () =>
                {
                    records = Records(File.ReadAllText(stderr), format);
                    return Task.FromResult(records.Any(r => Field(r, "level") == "ERROR"));
                },
                LogLimit,
                Token),
            File.ReadAllText(stderr));

        Assert.Equal("", exporter.Output);
        foreach (var record in records)
        {
            Assert.Equal(["time", "level", "source", "msg"], record.Take(4).Select(pair => pair.Key));
            Assert.Matches(format == "json" ? @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$" : @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", Field(record, "time"));
            Assert.Contains(Field(record, "level"), Levels);
            Assert.Equal(record.Count, record.Select(pair => pair.Key).Distinct().Count());
        }

        var loaded = records.First(r => Field(r, "msg").StartsWith("Loaded configuration", StringComparison.Ordinal));
        Assert.Equal((config, "1", "1"), (Field(loaded, "config_source"), Field(loaded, "modules"), Field(loaded, "targets")));

        var started = records.Single(r => Field(r, "msg").StartsWith("ssh_exporter ", StringComparison.Ordinal));
        Assert.Equal(
            ("INFO", "prober", "1", "none", "disabled", $"http://127.0.0.1:{port}"),
            (Field(started, "level"), Field(started, "mode"), Field(started, "targets"), Field(started, "sidecar_checks"), Field(started, "lifecycle"), Field(started, "addresses")));

        // One probe from /metrics, one from /probe: each at debug level with its fields.
        var probes = records.Where(r => Field(r, "source") == "SshExporter.Probing.ProbePipeline").ToList();
        Assert.Equal(2, probes.Count);
        Assert.All(probes, probe => Assert.Equal(("DEBUG", $"127.0.0.1:{closed}", "default", "Refused"), (Field(probe, "level"), Field(probe, "target"), Field(probe, "module"), Field(probe, "outcome"))));

        var rejected = records.Single(r => Field(r, "level") == "ERROR");
        Assert.Equal(("SshExporter.Config.ConfigStore", $"{config}:2:5: unknown key 'adress'"), (Field(rejected, "source"), Field(rejected, "reason")));
    }

    [Fact]
    public async Task An_unknown_log_format_is_a_usage_error()
    {
        var (exitCode, output) = await ExporterProcess.RunAsync("--log.format=xml");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--log.format", output, StringComparison.Ordinal);
    }

    private static string Field(IReadOnlyList<KeyValuePair<string, string>> record, string key) =>
        record.FirstOrDefault(pair => pair.Key == key).Value ?? throw new Xunit.Sdk.XunitException($"no {key} in {string.Join(' ', record)}");

    /// <summary>Every line read as a record; one that does not read fails the test with the line.</summary>
    private static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Records(string text, string format) =>
    [
        .. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => format == "json" ? JsonRecord(line) : LogfmtParser.Parse(line)),
    ];

    private static IReadOnlyList<KeyValuePair<string, string>> JsonRecord(string line)
    {
        using var json = JsonDocument.Parse(line);
        return
        [
            .. json.RootElement.EnumerateObject().Select(property => new KeyValuePair<string, string>(
                property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText())),
        ];
    }
}
