using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using SshExporter.Hosting;
using SshExporter.Config;
using SshExporter.Logging;
using SshExporter.WebConfig;

namespace SshExporter.Web;

/// <summary>Builds the web host from the command-line options; used by the program and by the end-to-end tests.</summary>
public static class ExporterHost
{
    /// <summary>Throws <see cref="ConfigException"/> or <see cref="WebConfigException"/> when the configuration or web config cannot be loaded.</summary>
    public static WebApplication Build(ExporterOptions options, IReadOnlyList<ListenAddress> listen)
    {
        // Before anything is sized from the descriptors open.
        StartupWarmUp.Run();
        var webConfig = options.WebConfigFile is { Length: > 0 } webConfigFile ? WebConfigSource.Open(webConfigFile) : null;
        // Our flags are not ASP.NET configuration, so none of them is passed on. The content root is the
        // program's own folder and nothing is watched: by default the host watches the working directory
        // recursively for appsettings changes, which from "/" means tens of thousands of inotify watches.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders()
            .AddPromslogConsole(options.LogFormat)
            .SetMinimumLevel(options.LogLevel)
            // ASP.NET's per-request lines only at debug level: a scrape every few seconds is not news.
            .AddFilter("Microsoft", options.LogLevel <= LogLevel.Debug ? LogLevel.Debug : LogLevel.Warning)
            // A failed start is the host's exception, which the command line reports in one line; its own log entry
            // would repeat it with the whole stack trace.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Each connection holds a descriptor out of the capped share below: one a client opened and left idle
            // (a pool's spare connection, a client that vanished) is closed after 20 s instead of Kestrel's 130 s, and
            // one that trickles its headers after 10 s. Prometheus scraping every 15 s still reuses its connection.
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(20);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            if (webConfig is not null)
            {
                KestrelTls.Apply(kestrel, webConfig);
            }

            foreach (var address in listen)
            {
                address.ApplyTo(kestrel);
            }
        });
        // HTTP connections capped at the descriptors left beside the probe sockets, by accepting no more than that.
        builder.Services.AddSingleton(services => new BoundedConnectionListenerFactory(
            new SocketTransportFactory(services.GetRequiredService<IOptions<SocketTransportOptions>>(), services.GetRequiredService<ILoggerFactory>()),
            Probing.Sockets.SocketBudgetSize.HttpConnectionLimit(services.GetRequiredService<Probing.Sockets.SocketBudget>().Limit)));
        builder.Services.AddSingleton<IConnectionListenerFactory>(services => services.GetRequiredService<BoundedConnectionListenerFactory>());
        // Under systemd (Type=notify): READY=1 once listening, STOPPING=1 on the way out. Anywhere else it does nothing.
        builder.Services.AddSystemdService();
        builder.Services.AddSshExporter(options);
        if (webConfig is not null)
        {
            builder.Services.AddSingleton(webConfig);
        }

        // gzip when the scraper asks for it, as Prometheus does (Accept-Encoding: gzip): an exposition of many
        // targets shrinks about tenfold. Fastest, since a scrape waits for it.
        builder.Services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/openmetrics-text"];
        });
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = System.IO.Compression.CompressionLevel.Fastest);

        var app = builder.Build();
        // Load the configuration now, so that a bad file stops the exporter before it listens.
        _ = app.Services.GetRequiredService<ConfigStore>();
        Metrics.ExporterMetrics.TrackSockets(app.Services.GetRequiredService<Probing.Sockets.SocketBudget>());
        // First, so that the web config's own answers (401, 429) carry them too; its configured headers win.
        app.UseSecurityHeaders();
        var connections = app.Services.GetRequiredService<BoundedConnectionListenerFactory>();
        app.Use((context, next) =>
        {
            if (connections.AtLimit)
            {
                context.Response.Headers.Connection = "close";
            }

            return next(context);
        });
        if (webConfig is not null)
        {
            app.UseWebConfig(webConfig);
        }

        app.UseResponseCompression();
        app.MapSshExporterEndpoints();
        return app;
    }
}
