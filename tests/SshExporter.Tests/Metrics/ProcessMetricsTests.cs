using System.Globalization;
using SshExporter.Metrics;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Metrics;

/// <summary>
/// The <c>process_*</c> families that dashboards for every Prometheus exporter query, with the names, types and
/// meanings of Go's client_golang on Linux, checked against what the kernel says about the real process.
/// </summary>
[NeedsExporterBinary]
public class ProcessMetricsTests
{
    private const int OpenFilesLimit = 4321;

    private static readonly string[] GoProcessFamilies =
    [
        "process_cpu_seconds_total", "process_start_time_seconds", "process_virtual_memory_bytes", "process_virtual_memory_max_bytes",
        "process_resident_memory_bytes", "process_open_fds", "process_max_fds",
    ];

    private static readonly string[] PrometheusNetOnlyFamilies =
        ["process_working_set_bytes", "process_private_memory_bytes", "process_open_handles", "process_num_threads"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_process_families_are_go_clients_and_agree_with_proc()
    {
        int port = ClosedPort.Find();
        // A soft limit of its own, so that process_max_fds shows it read this process's limit.
        await using var exporter = ExporterProcess.StartCommand(
            ["sh", "-c", $"ulimit -n {OpenFilesLimit} && exec \"$@\"", "sh", ExporterProcess.Executable, $"--web.listen-address=127.0.0.1:{port}"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);

        string text = await http.GetStringAsync("/metrics", Token);
        int openFds = Directory.GetFileSystemEntries($"/proc/{exporter.Id}/fd").Length;
        double rssBytes = 1024 * double.Parse(
            File.ReadAllLines($"/proc/{exporter.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))[6..].Replace("kB", "", StringComparison.Ordinal).Trim(),
            CultureInfo.InvariantCulture);

        var families = FamilyNames(text);
        Assert.All(GoProcessFamilies, family => Assert.Contains(family, families));
        Assert.All(PrometheusNetOnlyFamilies, family => Assert.DoesNotContain(family, families));
        Assert.Contains("# TYPE process_cpu_seconds_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_open_fds gauge", text, StringComparison.Ordinal);

        Assert.Equal(OpenFilesLimit, Value(text, "process_max_fds"));
        Assert.InRange(Value(text, "process_open_fds"), openFds - 30, openFds + 30);
        Assert.InRange(Value(text, "process_resident_memory_bytes"), rssBytes * 0.7, rssBytes * 1.3);
        Assert.InRange(Value(text, "process_start_time_seconds"), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.True(Value(text, "process_cpu_seconds_total") > 0, text);
        Assert.True(Value(text, "process_virtual_memory_bytes") > Value(text, "process_resident_memory_bytes"), text);
    }

    [Fact]
    public void Stat_fields_count_from_the_last_parenthesis_of_the_command_name()
    {
        string stat = "4242 (odd ) (name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 130 0 0 20 0 12 0 5000 1048576000 20480 18446744073709551615 1 1 0 0 0\n";
        string limits = "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max open files            1024                 524288               files     \n"
            + "Max address space         unlimited            unlimited            bytes     \n";

        var status = ProcessStatus.Parse(stat, limits, "cpu  1 2 3\nbtime 1700000000\nprocesses 9\n", openFds: 17, pageSize: 4096);

        Assert.Equal(new ProcessStatus(
            CpuSeconds: 3.8, StartTimeSeconds: 1_700_000_050, VirtualMemoryBytes: 1_048_576_000, ResidentMemoryBytes: 20480.0 * 4096,
            OpenFds: 17, MaxFds: 1024, MaxVirtualMemoryBytes: ulong.MaxValue), status);
    }
}
