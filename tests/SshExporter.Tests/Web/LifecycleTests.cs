using System.Net;
using SshExporter.Config;
using SshExporter.Tests.Fixtures;
using static SshExporter.Tests.Fixtures.ExpositionText;

namespace SshExporter.Tests.Web;

[NeedsExporterBinary]
public class LifecycleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/-/healthy", "Healthy\n")]
    [InlineData("/-/ready", "Ready\n")]
    public async Task Health_and_readiness_answer_200(string path, string body)
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        Assert.Equal(body, await exporter.GetTextAsync(path));
    }

    [Fact]
    public async Task The_landing_page_links_to_the_endpoints_and_lists_the_targets()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        string html = await exporter.GetTextAsync("/");

        Assert.Contains("<a href=\"metrics\">", html, StringComparison.Ordinal);
        Assert.Contains("<form action=\"probe\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>localhost:22</td>", html, StringComparison.Ordinal);
        Assert.Contains("(embedded default)", await exporter.GetTextAsync("/config"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("targets: [{address: \"[::1]:2222\", module: quick}, {address: localhost:22}]\n", "probe?target=%5B%3A%3A1%5D%3A2222&amp;module=quick&amp;debug=true", "Probe [::1]:2222 with debug output")]
    [InlineData("targets: []\n", null, null)]
    public async Task The_landing_pages_debug_link_probes_the_first_configured_target(string targets, string? href, string? text)
    {
        await using var exporter = await ExporterUnderTest.StartAsync(ExporterUnderTest.WriteConfig("modules: {quick: {timeout: 2s}}\n" + targets));

        string html = await exporter.GetTextAsync("/");

        if (href is null)
        {
            Assert.DoesNotContain("debug=true\"", html, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"<a href=\"{href}\">{text}</a>", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("target=localhost:22", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_picks_up_a_good_file_and_keeps_the_running_config_on_a_bad_one()
    {
        int first = ClosedPort.Find();
        int second = ClosedPort.Find();
        string path = ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{first}\"}}]\n");
        // A process of its own: the reload gauge is the process's, and exporters that other tests start in this
        // one would set it too.
        int port = ClosedPort.Find();
        await using var exporter = ExporterProcess.Start($"--config.file={path}", $"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await exporter.WaitUntilServingAsync(http);

        await File.WriteAllTextAsync(path, $"targets: [{{address: \"127.0.0.1:{second}\"}}]\n", Token);
        using (var reloaded = await http.PostAsync("/-/reload", null, Token))
        {
            Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        }

        string afterGood = await http.GetStringAsync("/metrics", Token);
        Assert.Contains($"target=\"127.0.0.1:{second}\"", afterGood, StringComparison.Ordinal);
        Assert.DoesNotContain($"target=\"127.0.0.1:{first}\"", afterGood, StringComparison.Ordinal);
        Assert.Equal(1, Value(afterGood, "ssh_exporter_config_last_reload_successful"));

        await File.WriteAllTextAsync(path, "targets:\n  - adress: 127.0.0.1:22\n", Token);
        using var rejected = await http.PostAsync("/-/reload", null, Token);
        Assert.Equal(HttpStatusCode.InternalServerError, rejected.StatusCode);
        Assert.Equal($"failed to reload config: {path}:2:5: unknown key 'adress'\n", await rejected.Content.ReadAsStringAsync(Token));

        string afterBad = await http.GetStringAsync("/metrics", Token);
        Assert.Contains($"target=\"127.0.0.1:{second}\"", afterBad, StringComparison.Ordinal);
        Assert.Equal(0, Value(afterBad, "ssh_exporter_config_last_reload_successful"));
    }

    [Fact]
    public async Task Reload_only_answers_post()
    {
        await using var exporter = await ExporterUnderTest.StartAsync();

        using var response = await exporter.Http.GetAsync("/-/reload", Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_config_file_stops_the_exporter_before_it_listens()
    {
        string path = ExporterUnderTest.WriteConfig("modules:\n  default:\n    timeout: 5x\n");

        var error = await Assert.ThrowsAsync<ConfigException>(() => ExporterUnderTest.StartAsync(path));

        Assert.Equal($"{path}:3:14: '5x' is not a duration (examples: 5s, 1m30s, 500ms)", error.Message);
    }
}
