namespace SshExporter.Tests.Fixtures;

/// <summary>HTTP from inside a test's network namespace, with curl: a fixture of its own, so that only its users need curl.</summary>
public static class NamespaceCurl
{
    /// <summary>
    /// GETs <paramref name="url"/> with curl from inside the namespace until it answers 2xx (a server started inside
    /// takes a while), and returns the body; fails the test with <paramref name="diagnostics"/> if it never does.
    /// </summary>
    public static async Task<string> GetWhenServingAsync(NetworkNamespace inside, string url, Func<string> diagnostics, CancellationToken cancellationToken)
    {
        string curl = Requires.Tool("curl");
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var answer = await inside.RunAsync(curl, ["-sf", url], TimeSpan.FromSeconds(20), cancellationToken);
            if (answer.ExitCode == 0)
            {
                return answer.Stdout;
            }

            await Task.Delay(100, cancellationToken);
        }

        Assert.Fail($"{url} inside the namespace never answered:\n{diagnostics()}");
        return "";
    }
}
