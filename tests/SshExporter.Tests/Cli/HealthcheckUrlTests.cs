using SshExporter.Cli;
using SshExporter.Hosting;

namespace SshExporter.Tests.Cli;

public class HealthcheckUrlTests
{
    [Theory]
    [InlineData(":9722", "http://127.0.0.1:9722/-/healthy")]
    [InlineData("0.0.0.0:9722", "http://127.0.0.1:9722/-/healthy")]
    [InlineData("localhost:9100", "http://127.0.0.1:9100/-/healthy")]
    [InlineData("[::]:9722", "http://[::1]:9722/-/healthy")]
    [InlineData("[::1]:9722", "http://[::1]:9722/-/healthy")]
    [InlineData("192.0.2.7:9722", "http://192.0.2.7:9722/-/healthy")]
    public void The_health_check_asks_the_exporter_where_it_can_be_reached_from_its_own_host(string listen, string expected)
    {
        Assert.True(ListenAddress.TryParse(listen, out var address, out string error), error);

        Assert.Equal(expected, HealthcheckCommand.HealthyUrl(address!).ToString());
    }
}
