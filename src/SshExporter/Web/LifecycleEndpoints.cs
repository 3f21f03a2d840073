using SshExporter.Config;

namespace SshExporter.Web;

/// <summary>The Prometheus-style management endpoints: <c>/-/healthy</c>, <c>/-/ready</c>, <c>/-/reload</c>.</summary>
public static class LifecycleEndpoints
{
    public static IResult Healthy() => Results.Text("Healthy\n");

    // Ready once the host runs: the config was loaded before the listener opened.
    public static IResult Ready() => Results.Text("Ready\n");

    public static IResult Reload(ConfigStore store) =>
        store.TryReload("HTTP /-/reload", out string error)
            ? Results.Text("Configuration reloaded\n")
            : Results.Text($"failed to reload config: {error}\n", statusCode: StatusCodes.Status500InternalServerError);
}
