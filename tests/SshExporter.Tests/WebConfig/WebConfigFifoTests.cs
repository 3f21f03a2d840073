using SshExporter.Tests.Fixtures;
using SshExporter.WebConfig;

namespace SshExporter.Tests.WebConfig;

/// <summary>A FIFO where a file should be is refused without waiting for a writer (that would hold up every handshake).</summary>
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
            string itself = Assert.Throws<WebConfigException>(() => WebConfigLoader.Load(fifo)).Message;
            string named = Assert.Throws<WebConfigException>(() => WebConfigLoader.Parse("tls_server_config: {cert_file: fifo, key_file: key.pem}", "web.yml", pem.Directory)).Message;
            return (itself, named);
        });

        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)));
        var (itself, named) = await load;
        Assert.Equal($"{fifo}: the web config file is a FIFO (named pipe), not a regular file (a symlink to one is fine)", itself);
        Assert.Contains("cert_file: the file is a FIFO (named pipe), not a regular file", named, StringComparison.Ordinal);
    }
}
