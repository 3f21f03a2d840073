using System.Net;
using SshExporter.Metrics;
using SshExporter.Probing;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Metrics;

public class ProbeSeriesTests
{
    // The outcome label values as README's table of outcomes lists them.
    private static readonly string[] ContractOutcomes =
    [
        "success", "dns_error", "refused", "connect_timeout", "unreachable",
        "reset", "closed", "banner_timeout", "banner_invalid", "protocol_unsupported", "throttled",
    ];

    private static readonly SshIdentification Debian = new("2.0", "OpenSSH_9.2p1", "Debian-2+deb12u3");

    [Theory]
    [InlineData(ProbeOutcome.Success, "success", 1, 0, 0, 1)]
    [InlineData(ProbeOutcome.DnsError, "dns_error", 0, 0, 0, 0)]
    [InlineData(ProbeOutcome.Refused, "refused", 0, 1, 0, 0)]
    [InlineData(ProbeOutcome.ConnectTimeout, "connect_timeout", 0, 0, 1, 0)]
    [InlineData(ProbeOutcome.Unreachable, "unreachable", 0, 0, 0, 0)]
    [InlineData(ProbeOutcome.Reset, "reset", 0, 0, 0, 0)]
    [InlineData(ProbeOutcome.Closed, "closed", 0, 0, 0, 0)]
    [InlineData(ProbeOutcome.BannerTimeout, "banner_timeout", 0, 0, 0, 0)]
    [InlineData(ProbeOutcome.BannerInvalid, "banner_invalid", 0, 0, 0, 0)]
    [InlineData(ProbeOutcome.ProtocolUnsupported, "protocol_unsupported", 0, 0, 0, 1)]
    [InlineData(ProbeOutcome.Throttled, "throttled", 0, 0, 0, 0)]
    public async Task Exactly_one_outcome_is_1_and_the_flags_agree_with_it(
        ProbeOutcome outcome, string label, double success, double refused, double timeout, double bannerReceived)
    {
        var samples = await WriteAsync([], Result(outcome));

        var outcomes = samples.Where(s => s.Name == "ssh_probe_outcome").ToList();
        Assert.Equal(ContractOutcomes.Order(StringComparer.Ordinal), outcomes.Select(s => s.Label("outcome")).Order(StringComparer.Ordinal));
        var one = Assert.Single(outcomes, s => s.Value == 1);
        Assert.Equal(label, one.Label("outcome"));
        Assert.All(outcomes.Where(s => s != one), s => Assert.Equal(0, s.Value));

        Assert.Equal(success, Value(samples, "ssh_probe_success"));
        Assert.Equal(refused, Value(samples, "ssh_connection_refused"));
        Assert.Equal(timeout, Value(samples, "ssh_connection_timeout"));
        Assert.Equal(bannerReceived, Value(samples, "ssh_banner_received"));
    }

    [Theory]
    [InlineData(ProbeOutcome.Success, "2.0", "OpenSSH_9.2p1", "Debian-2+deb12u3")]
    [InlineData(ProbeOutcome.Success, "2.0", "dropbear_2022.83", "")]
    [InlineData(ProbeOutcome.ProtocolUnsupported, "1.5", "OpenSSH_2.9", "")]
    public async Task The_banner_info_carries_the_identification_split_into_labels(ProbeOutcome outcome, string protocol, string software, string comments)
    {
        var samples = await WriteAsync([], Result(outcome, new SshIdentification(protocol, software, comments)));

        var info = Assert.Single(samples, s => s.Name == "ssh_banner_info");
        Assert.Equal(1, info.Value);
        Assert.Equal(protocol, info.Label("protocol_version"));
        Assert.Equal(software, info.Label("software_version"));
        Assert.Equal(comments, info.Label("comments"));
    }

    [Theory]
    [InlineData(ProbeOutcome.Refused)]
    [InlineData(ProbeOutcome.BannerTimeout)]
    [InlineData(ProbeOutcome.BannerInvalid)]
    public async Task Without_an_identification_there_is_no_banner_info(ProbeOutcome outcome)
    {
        var samples = await WriteAsync([], Result(outcome));

        Assert.DoesNotContain(samples, s => s.Name == "ssh_banner_info");
        Assert.Contains(samples, s => s.Name == "ssh_probe_success");
    }

    [Fact]
    public async Task The_series_are_the_ones_the_metric_contract_names()
    {
        var samples = await WriteAsync([], Result(ProbeOutcome.Success, Debian));

        Assert.Equal(
            [
                "ssh_banner_info", "ssh_banner_received", "ssh_connection_refused", "ssh_connection_timeout",
                "ssh_probe_duration_seconds", "ssh_probe_ip_protocol", "ssh_probe_outcome",
                "ssh_probe_phase_duration_seconds", "ssh_probe_success", "ssh_probe_timeout_seconds",
            ],
            samples.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Durations_timeout_and_phases_are_written_in_seconds()
    {
        var samples = await WriteAsync([], Result(ProbeOutcome.Success, Debian));

        Assert.Equal(1.25, Value(samples, "ssh_probe_duration_seconds"));
        Assert.Equal(4.5, Value(samples, "ssh_probe_timeout_seconds"));
        var phases = samples.Where(s => s.Name == "ssh_probe_phase_duration_seconds").ToDictionary(s => s.Label("phase"), s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["resolve"] = 0.01, ["connect"] = 0.2, ["banner"] = 1.04, ["kexinit"] = 0.003, ["host_key"] = 0.5 }, phases);
    }

    [Theory]
    [InlineData("192.0.2.10", 4)]
    [InlineData("2001:db8::1", 6)]
    [InlineData(null, 0)]
    public async Task The_IP_protocol_is_that_of_the_address_dialled(string? address, double expected)
    {
        var result = Result(ProbeOutcome.Refused) with { Address = address is null ? null : IPAddress.Parse(address) };

        var samples = await WriteAsync([], result);

        Assert.Equal(expected, Value(samples, "ssh_probe_ip_protocol"));
    }

    [Fact]
    public async Task With_target_labels_every_series_carries_them_and_targets_stay_apart()
    {
        var results = new ProbeResults(["target", "env"], capacity: 2);

        results.Add(Result(ProbeOutcome.Success, Debian), ["db1.example.com:22", "prod"]);
        results.Add(Result(ProbeOutcome.Refused), ["db2.example.com:22", "staging"]);
        var samples = await ExpositionText.SamplesAsync(results);

        Assert.All(samples, s => Assert.True(s.Labels.ContainsKey("target") && s.Labels.ContainsKey("env"), $"{s.Name} lacks target or env"));
        Assert.All(samples.Where(s => s.Label("target") == "db1.example.com:22"), s => Assert.Equal("prod", s.Label("env")));
        Assert.All(samples.Where(s => s.Label("target") == "db2.example.com:22"), s => Assert.Equal("staging", s.Label("env")));
        Assert.Equal(2 * ContractOutcomes.Length, samples.Count(s => s.Name == "ssh_probe_outcome"));
        Assert.Equal("success", OutcomeOf(samples, "db1.example.com:22"));
        Assert.Equal("refused", OutcomeOf(samples, "db2.example.com:22"));
        Assert.Equal("db1.example.com:22", Assert.Single(samples, s => s.Name == "ssh_banner_info").Label("target"));
    }

    private static ProbeResult Result(ProbeOutcome outcome, SshIdentification? identification = null) => new(
        outcome,
        identification,
        IPAddress.Parse("192.0.2.10"),
        Duration: TimeSpan.FromMilliseconds(1250),
        Timeout: TimeSpan.FromMilliseconds(4500),
        PhaseDurations: [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1040), TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(500)]);

    private static async Task<IReadOnlyList<Sample>> WriteAsync(string[] targetLabelNames, ProbeResult result)
    {
        var results = new ProbeResults(targetLabelNames, capacity: 1);
        results.Add(result, []);
        return await ExpositionText.SamplesAsync(results);
    }

    private static double Value(IReadOnlyList<Sample> samples, string name) => Assert.Single(samples, s => s.Name == name).Value;

    private static string OutcomeOf(IReadOnlyList<Sample> samples, string target) =>
        Assert.Single(samples, s => s.Name == "ssh_probe_outcome" && s.Label("target") == target && s.Value == 1).Label("outcome");
}
