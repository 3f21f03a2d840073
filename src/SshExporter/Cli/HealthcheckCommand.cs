using System.Net;
using SshExporter.Hosting;
using SshExporter.WebConfig;

namespace SshExporter.Cli;

/// <summary>
/// <c>ssh_exporter healthcheck</c>: asks a running exporter's <c>/-/healthy</c> and exits 0 when it answers 200.
/// A container health check runs it, because the distroless image it ships in has no shell, curl or wget.
/// </summary>
public static class HealthcheckCommand
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary><paramref name="webConfig"/>: the server's <c>--web.config.file</c>, read for TLS and basic auth.</summary>
    public static async Task<int> RunAsync(ListenAddress listen, WebSettings? webConfig, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var url = HealthyUrl(listen, tls: webConfig?.Tls is not null);
        using var client = webConfig is null ? new HttpClient { Timeout = Timeout } : HealthcheckClient.Create(webConfig, Timeout);
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK || (webConfig is not null && HealthcheckClient.CountsAsHealthy(webConfig, response)))
            {
                await stdout.WriteLineAsync($"{url}: healthy");
                return 0;
            }

            await stderr.WriteLineAsync($"{url}: HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"{url}: {e.Message}");
        }

        return 1;
    }

    /// <summary>The exporter as seen from its own host: every interface and "localhost" are reached on 127.0.0.1.</summary>
    public static Uri HealthyUrl(ListenAddress listen, bool tls = false)
    {
        var address = listen.Address is null || listen.Localhost || listen.Address.Equals(IPAddress.Any)
            ? IPAddress.Loopback
            : listen.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : listen.Address;
        return new UriBuilder(tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, address.ToString(), listen.Port, "/-/healthy").Uri;
    }
}
