namespace SshExporter.WebConfig;

/// <summary>
/// How the <c>healthcheck</c> command reaches an exporter that serves a web config file: over TLS when the file
/// configures it, trusting exactly the certificate the file names (the exporter is this host's own, and is asked by
/// address, not by the name in its certificate).
/// </summary>
public static class HealthcheckClient
{
    public static HttpClient Create(WebSettings settings, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler();
        if (settings.Tls is { } tls)
        {
            byte[] served = tls.ServerCertificate.TargetCertificate.RawData;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(served);
        }

        return new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>
    /// With <c>basic_auth_users</c>, the healthcheck has no password (the file holds only hashes): the exporter's
    /// 401 asking for basic auth shows it is up and serving, which is what a container health check asks.
    /// </summary>
    public static bool CountsAsHealthy(WebSettings settings, HttpResponseMessage response) =>
        response.StatusCode == System.Net.HttpStatusCode.Unauthorized && settings.BasicAuthUsers.Count > 0
        && response.Headers.WwwAuthenticate.Any(challenge => challenge.Scheme == "Basic");
}
