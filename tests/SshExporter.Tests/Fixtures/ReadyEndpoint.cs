namespace SshExporter.Tests.Fixtures;

/// <summary>Prometheus, Alertmanager and the exporter say at <c>/-/ready</c> that they serve.</summary>
public static class ReadyEndpoint
{
    /// <summary>Until <paramref name="server"/> answers 2xx at <c>/-/ready</c>; fails the test, with its last answer and its log, if it exits first or takes longer than <paramref name="limit"/>.</summary>
    public static async Task WaitAsync(BackgroundProcess server, HttpClient http, TimeSpan limit, CancellationToken cancellationToken)
    {
        HttpAnswer? last = null;
        bool ready = await server.WaitUntilReadyAsync(
            async () => (last = await HttpAnswer.GetAsync(http, "/-/ready", cancellationToken)).IsSuccess,
            limit, cancellationToken, () => $"{last}\n{server.Output}");
        if (!ready)
        {
            Assert.Fail($"`{server.CommandLine}` exited with {server.ExitCode} before it was ready:\n{server.Output}");
        }
    }
}
