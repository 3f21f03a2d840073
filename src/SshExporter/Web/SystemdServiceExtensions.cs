using Microsoft.Extensions.Hosting.Systemd;

namespace SshExporter.Web;

/// <summary>
/// Microsoft.Extensions.Hosting.Systemd's <c>AddSystemd()</c>, also under a hardened unit: .NET 10 recognises systemd
/// only by reading its parent's <c>/proc/PID/comm</c>, which <c>ProtectProc=invisible</c> hides from the service's
/// own user, so the exporter would never send READY=1 and a Type=notify start would time out.
/// </summary>
public static class SystemdServiceExtensions
{
    public static IServiceCollection AddSystemdService(this IServiceCollection services)
    {
        services.AddSystemd();
        // systemd's own sign that it waits for READY=1 (Type=notify), as .NET 11 reads it too.
        if (SystemdHelpers.IsSystemdService() || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
        {
            return services;
        }

        services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddSingleton<IHostLifetime, SystemdLifetime>();
        return services;
    }
}
