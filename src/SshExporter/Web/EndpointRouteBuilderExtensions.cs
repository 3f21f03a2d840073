namespace SshExporter.Web;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>HEAD is answered wherever GET is, as Prometheus's own servers do; Kestrel sends no body for it.</summary>
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSshExporterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", GetAndHead, LandingPage.RenderAsync);
        app.MapMethods("/config", GetAndHead, ConfigEndpoint.Handle);
        app.MapMethods("/metrics", GetAndHead, MetricsEndpoint.HandleAsync);
        app.MapMethods("/probe", GetAndHead, ProbeEndpoint.HandleAsync);
        app.MapMethods("/sidecar", GetAndHead, SidecarEndpoint.HandleAsync);
        app.MapMethods("/target", GetAndHead, TargetPage.RenderAsync);
        app.MapMethods("/probe-log", GetAndHead, ProbeLogPage.Probe);
        app.MapMethods("/sidecar-log", GetAndHead, ProbeLogPage.SidecarRun);
        app.MapMethods("/-/healthy", GetAndHead, LifecycleEndpoints.Healthy);
        app.MapMethods("/-/ready", GetAndHead, LifecycleEndpoints.Ready);
        app.MapPost("/-/reload", LifecycleEndpoints.Reload);
        return app;
    }
}
