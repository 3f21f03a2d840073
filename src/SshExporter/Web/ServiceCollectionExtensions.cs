using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Probing;
using SshExporter.Probing.Sockets;
using SshExporter.Sidecar;
using SshExporter.Sidecar.Commands;

namespace SshExporter.Web;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddSshExporter(this IServiceCollection services, ExporterOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new ConfigStore(
            options.ConfigFile, provider.GetRequiredService<ILogger<ConfigStore>>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new SocketBudget(SocketBudgetSize.Resolve(options.ProbeMaxSockets)));
        services.AddSingleton(provider => ProbePipeline.CreateProber(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<SocketBudget>()));
        services.AddSingleton<Recent.RecentProbes>();
        services.AddSingleton<Recent.RecentSidecarRuns>();
        services.AddSingleton<ProbePipeline>();
        services.AddSingleton(provider => new ScrapeScheduler(
            provider.GetRequiredService<TimeProvider>(),
            ScrapeScheduler.ConcurrencyFor(options.ProbeConcurrency, provider.GetRequiredService<SocketBudget>().Limit),
            provider.GetRequiredService<ILogger<ScrapeScheduler>>()));
        services.AddSingleton<ICommandRunner>(provider => new ProcessCommandRunner(provider.GetRequiredService<TimeProvider>(), ProcessCommandRunner.DefaultTimeout));
        services.AddSingleton<SidecarCollector>();
        services.AddSingleton(provider => SharedSidecarRun.ForHost(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<SidecarCollector>(),
            provider.GetRequiredService<ICommandRunner>(), provider.GetRequiredService<ILogger<SharedSidecarRun>>(),
            provider.GetRequiredService<Recent.RecentSidecarRuns>()));
        services.AddHostedService<SighupReloader>();
        services.AddHostedService<IdleMemoryTrim>();
        return services;
    }
}
