using System.Runtime.InteropServices;
using SshExporter.Config;

namespace SshExporter.Web;

/// <summary>Reloads the configuration on SIGHUP, as every Prometheus component does.</summary>
public sealed class SighupReloader(ConfigStore store) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true; // the default action of SIGHUP would end the process
            store.TryReload("SIGHUP", out _);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }
}
