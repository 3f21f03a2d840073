using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SshExporter.Hosting;
using SshExporter.Web;

namespace SshExporter.Tests.Fixtures;

/// <summary>The real exporter (Kestrel, endpoints, config store) listening on a free loopback port, driven over HTTP.</summary>
public sealed class ExporterUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExporterUnderTest(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    /// <summary>Where it listens, <c>127.0.0.1:port</c>, as a scrape config names it.</summary>
    public string Address => Http.BaseAddress!.Authority;

    /// <summary>Starts it with <paramref name="configFile"/> (or the embedded default) and the flags of <paramref name="options"/>.</summary>
    public static async Task<ExporterUnderTest> StartAsync(string? configFile = null, ExporterOptions? options = null)
    {
        var listen = new ListenAddress(IPAddress.Loopback, Localhost: false, Port: 0);
        var app = ExporterHost.Build((options ?? new ExporterOptions()) with { ConfigFile = configFile, LogLevel = LogLevel.Warning }, [listen]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ExporterUnderTest(app, new Uri(app.Urls.First()));
    }

    /// <summary>Writes a config file (removed when the test run ends) and returns its path.</summary>
    public static string WriteConfig(string yaml) => ConfigFiles.Write(yaml);

    /// <summary>A config with the sidecar on for <paramref name="sshdConfig"/> and no targets; its local probe times out after 2 s.</summary>
    public static string WriteSidecarConfig(string sshdConfig) => WriteConfig($"""
        modules:
          quick: {"{"}timeout: 2s{"}"}
        sidecar:
          sshd_config: {sshdConfig}
          local_probe_module: quick
        """);

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
