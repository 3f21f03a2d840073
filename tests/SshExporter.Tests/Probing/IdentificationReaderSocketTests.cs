using System.Net;
using System.Net.Sockets;
using System.Text;
using SshExporter.Probing;

namespace SshExporter.Tests.Probing;

/// <summary>
/// The identification reader on a real connected socket pair: it must stop exactly after the line feed,
/// so what the server sends next (its KEXINIT) is still in the socket for a later phase.
/// </summary>
public sealed class IdentificationReaderSocketTests : IDisposable
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(2);

    private readonly Socket _client;
    private readonly Socket _server;

    public IdentificationReaderSocketTests()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _client.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();
    }

    [Fact]
    public async Task The_bytes_after_the_identification_line_stay_in_the_socket()
    {
        _server.Send("SSH-2.0-x\r\nEXTRA"u8);

        var seen = await ReadIdentificationAsync();

        Assert.Equal(BannerEnd.Identified, seen.End);
        Assert.Equal("SSH-2.0-x\r\n".Length, seen.BytesRead);
        Assert.Equal("EXTRA", Encoding.ASCII.GetString(await ReceiveAsync(5)));
    }

    [Fact]
    public async Task A_binary_packet_with_NUL_bytes_after_the_identification_is_left_alone()
    {
        byte[] packet = [0x00, 0x00, 0x01, 0x0c, 0x0a, 0x14, 0x00, 0xff];
        _server.Send([.. "Hello there\r\nSSH-2.0-OpenSSH_9.2p1\n"u8, .. packet]);

        var seen = await ReadIdentificationAsync();

        Assert.Equal(BannerEnd.Identified, seen.End);
        Assert.Equal(new SshIdentification("2.0", "OpenSSH_9.2p1", ""), seen.Identification);
        Assert.Equal(packet, await ReceiveAsync(packet.Length));
    }

    [Theory]
    [InlineData("SSH-2.0-x \r\n", "SSH-2.0-x ")] // a trailing space, which the parsed parts lose
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2  two\n", "SSH-2.0-OpenSSH_9.2p1 Debian-2  two")]
    public async Task The_line_is_kept_exactly_as_sent_for_the_key_exchange_hash(string sent, string line)
    {
        _server.Send(Encoding.ASCII.GetBytes(sent));
        var reader = new IdentificationReader(_client);

        var seen = await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(BannerEnd.Identified, seen.End);
        Assert.Equal(line, reader.Line);
    }

    [Fact]
    public async Task The_reader_stops_at_its_preamble_cap_without_draining_the_socket()
    {
        byte[] lines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('#', 99) + "\n", 200)));
        _server.Send(lines);

        var seen = await ReadIdentificationAsync();

        Assert.Equal(BannerEnd.NotSsh, seen.End);
        Assert.InRange(seen.BytesRead, IdentificationReader.MaxPreambleBytes, IdentificationReader.MaxPreambleBytes + 512);
        Assert.True(_client.Available > 0, "bytes past the cap should not have been read");
    }

    /// <summary>Runs the reader with a deadline, as the prober does, so a reader that waits for more fails instead of hanging.</summary>
    private async Task<BannerObservation> ReadIdentificationAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(ReadLimit);
        return await new IdentificationReader(_client).ReadAsync(deadline.Token);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails, rather than hangs, when they never come.</summary>
    private async Task<byte[]> ReceiveAsync(int count)
    {
        var buffer = new byte[count];
        int done = 0;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(ReadLimit);
        try
        {
            while (done < count)
            {
                int read = await _client.ReceiveAsync(buffer.AsMemory(done), SocketFlags.None, limit.Token);
                Assert.NotEqual(0, read);
                done += read;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"only {done} of the {count} bytes after the identification were still in the socket");
        }

        return buffer;
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }
}
