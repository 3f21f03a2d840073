using System.Net;
using System.Net.Sockets;
using SshExporter.Tests.Fixtures;

namespace SshExporter.Tests.Cli;

/// <summary>A listen address another program holds stops the exporter with one line that names it, not a stack trace.</summary>
[NeedsExporterBinary]
public class PortInUseTests
{
    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_code_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        int port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exitCode, output) = await ExporterProcess.RunAsync($"--web.listen-address=127.0.0.1:{port}");

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot listen: Failed to bind to address http://127.0.0.1:{port}: address already in use.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
