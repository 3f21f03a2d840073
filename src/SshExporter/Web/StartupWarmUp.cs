using System.Reflection;

namespace SshExporter.Web;

/// <summary>
/// Loads at start the assemblies that serving the first request would load: the runtime keeps each loaded assembly
/// open (two descriptors each), and the socket budget and the HTTP connection cap are sized from the descriptors open
/// when the server starts. Loaded later, these (two dozen) took about 50 of the descriptors kept back for the runtime's own reads of
/// /proc, and under a flood of connections at a low open-files limit the runtime aborted when it found none. Measured
/// by comparing <c>/proc/PID/fd</c> at start with after a probe, a scrape, the pages, an error page and a reload.
/// Under Native AOT there are no assembly files: the types are compiled in and this loads nothing.
/// </summary>
public static class StartupWarmUp
{
    private static readonly Type[] FirstRequestTypes =
    [
        typeof(Microsoft.AspNetCore.Authentication.AuthenticateResult),
        typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute),
        typeof(Microsoft.AspNetCore.Http.RequestDelegateFactory),
        typeof(Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute),
        typeof(Microsoft.Net.Http.Headers.MediaTypeHeaderValue),
        typeof(Microsoft.AspNetCore.Http.Features.IHttpRequestFeature),
        typeof(Microsoft.AspNetCore.Http.HttpResults.Ok),
        typeof(Microsoft.AspNetCore.Authorization.IAuthorizeData),
        typeof(Microsoft.AspNetCore.WebUtilities.QueryHelpers),
        typeof(System.Collections.Immutable.ImmutableArray),
        typeof(System.Diagnostics.TraceSource),
        typeof(System.Linq.Expressions.Expression),
        typeof(System.Net.Http.HttpClient),
        typeof(System.Net.Dns),
        typeof(System.Net.WebSockets.WebSocket),
        typeof(System.Numerics.BigInteger),
        typeof(System.Security.Claims.ClaimsPrincipal),
        typeof(System.Security.Cryptography.RandomNumberGenerator),
        typeof(System.Text.Encodings.Web.HtmlEncoder),
    ];

    /// <summary>
    /// By name: minimal APIs' validation (its types are marked for evaluation only), and a facade that only libraries
    /// built against it load (its types live in the core library).
    /// </summary>
    private static readonly string[] FirstRequestAssemblies = ["Microsoft.Extensions.Validation", "System.Text.Encoding.Extensions"];

    public static void Run()
    {
        foreach (var type in FirstRequestTypes)
        {
            _ = type.Assembly;
        }

        foreach (string name in FirstRequestAssemblies)
        {
            try
            {
                Assembly.Load(new AssemblyName(name));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException)
            {
                // Native AOT: no assembly files to load.
            }
        }
    }
}
