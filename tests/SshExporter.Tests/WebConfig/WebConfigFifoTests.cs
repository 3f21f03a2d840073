using SshExporter.Tests.Fixtures;
using SshExporter.WebConfig;

namespace SshExporter.Tests.WebConfig;

/// <summary>A FIFO where a file should be is not opened (that would wait for a writer, holding up every handshake) but read as empty.</summary>
[NeedsTool("mkfifo")]
public class WebConfigFifoTests
{
    [Fact]
    public async Task A_FIFO_as_the_web_config_or_a_certificate_does_not_block_the_loader()
    {
        using var pem = new PemFiles();
        string mkfifo = Requires.Tool("mkfifo");
        string fifo = Path.Combine(pem.Directory, "fifo");
        await ExternalCommand.RunCheckedAsync(mkfifo, [fifo], TestContext.Current.CancellationToken);

        var load = Task.Run(() =>
        {
            Assert.Null(WebConfigLoader.Load(fifo).Settings.Tls);
            return Assert.Throws<WebConfigException>(() => WebConfigLoader.Parse("tls_server_config: {cert_file: fifo, key_file: key.pem}", "web.yml", pem.Directory)).Message;
        });

        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)));
        Assert.Contains("tls_server_config.cert: no PEM certificate", await load, StringComparison.Ordinal);
    }
}
