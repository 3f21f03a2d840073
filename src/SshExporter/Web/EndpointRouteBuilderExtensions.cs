namespace SshExporter.Web;

public static class EndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapSshExporterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", LandingPage.RenderAsync);
        app.MapGet("/config", ConfigEndpoint.Handle);
        app.MapGet("/metrics", MetricsEndpoint.HandleAsync);
        app.MapGet("/probe", ProbeEndpoint.HandleAsync);
        app.MapGet("/sidecar", SidecarEndpoint.HandleAsync);
        app.MapGet("/-/healthy", LifecycleEndpoints.Healthy);
        app.MapGet("/-/ready", LifecycleEndpoints.Ready);
        app.MapPost("/-/reload", LifecycleEndpoints.Reload);
        return app;
    }
}
