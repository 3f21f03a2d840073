using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.WebConfig;

/// <summary>
/// The exporter's own process serving a web config file on localhost: the file is <c>web.yml</c> in the certificates'
/// directory (so its relative paths are resolved as the toolkit resolves them), and the exporter probes only a closed
/// port, so that scrapes are quick.
/// </summary>
public sealed class TlsExporter : IAsyncDisposable
{
    /// <summary>exporter-toolkit's test user: bcrypt (cost 10, as htpasswd -B makes it) of <see cref="Password"/>.</summary>
    public const string User = "carol";

    public const string Password = "carol123";

    public const string Hash = "$2y$10$qRTBuFoULoYNA7AQ/F3ck.trZBPyjV64.oA4ZsSBCIWvXuvQlQTuu";

    private TlsExporter(ExporterProcess process, int port, string webConfig, OpenSslCertificates certificates)
    {
        Process = process;
        Port = port;
        WebConfig = webConfig;
        Certificates = certificates;
    }

    public OpenSslCertificates Certificates { get; }

    public ExporterProcess Process { get; }

    public int Port { get; }

    /// <summary>The web config file's path, to rewrite.</summary>
    public string WebConfig { get; }

    /// <summary>Starts it and waits until <paramref name="ready"/> (given the port) reaches <c>/-/ready</c>.</summary>
    public static async Task<TlsExporter> StartAsync(OpenSslCertificates certificates, string webConfigYaml, Func<int, HttpClient> ready)
    {
        string webConfig = Path.Combine(certificates.Directory, "web.yml");
        await File.WriteAllTextAsync(webConfig, webConfigYaml, TestContext.Current.CancellationToken);
        string config = ExporterUnderTest.WriteConfig($"targets: [{{address: \"127.0.0.1:{ClosedPort.Find()}\"}}]\n");
        int port = ClosedPort.Find();
        var process = ExporterProcess.Start($"--config.file={config}", $"--web.listen-address=localhost:{port}", $"--web.config.file={webConfig}");
        try
        {
            using var http = ready(port);
            await process.WaitUntilServingAsync(http);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new TlsExporter(process, port, webConfig, certificates);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
