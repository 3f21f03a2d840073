using System.CommandLine;
using SshExporter.Config;
using SshExporter.Hosting;
using SshExporter.Logging;
using SshExporter.Runbook;
using SshExporter.Web;

namespace SshExporter.Cli;

/// <summary>The command line, in the style of Prometheus's exporters: <c>--config.file=…</c> or <c>--config.file …</c>.</summary>
public static class SshExporterCommand
{
    private static readonly string[] LogLevels = ["debug", "info", "warn", "error"];
    private static readonly string[] LogFormats = ["logfmt", "json"];

    public static RootCommand Create()
    {
        var configFile = new Option<string?>("--config.file")
        {
            Description = "YAML configuration file. Without it, an embedded default probes localhost:22.",
            Recursive = true,
        };
        var listen = new Option<string[]>("--web.listen-address")
        {
            Description = "Address to listen on for HTTP requests; repeat the flag for several.",
            DefaultValueFactory = _ => [ExporterOptions.DefaultListenAddress],
        };
        var webConfigFile = new Option<string?>("--web.config.file")
        {
            Description = "exporter-toolkit's web config file (TLS, basic auth, headers), as node_exporter reads it. Without it, plain HTTP.",
        };
        var logLevel = new Option<string>("--log.level")
        {
            Description = "Only log messages with the given severity or above: debug, info, warn, error.",
            DefaultValueFactory = _ => "info",
        };
        logLevel.AcceptOnlyFromAmong(LogLevels);
        var logFormat = new Option<string>("--log.format")
        {
            Description = "Output format of log messages: logfmt or json.",
            DefaultValueFactory = _ => "logfmt",
        };
        logFormat.AcceptOnlyFromAmong(LogFormats);
        var enableLifecycle = new Option<bool>("--web.enable-lifecycle")
        {
            Description = "Enable reload via HTTP request (POST /-/reload). SIGHUP reloads either way.",
        };
        var timeoutOffset = new Option<double>("--timeout-offset")
        {
            Description = "Seconds to subtract from Prometheus's scrape timeout to leave time for the answer.",
            DefaultValueFactory = _ => new ExporterOptions().TimeoutOffset.TotalSeconds,
        };
        var runbookUrl = new Option<string>("--web.runbook-url")
        {
            Description = "The runbook that failures link to; each link adds the section as #anchor.",
            DefaultValueFactory = _ => RunbookLinks.DefaultBaseUrl,
            Recursive = true,
        };
        var concurrency = new Option<int>("--probe.concurrency")
        {
            Description = "How many configured targets one /metrics scrape probes at once; 0 as many as --probe.max-sockets allows.",
            DefaultValueFactory = _ => new ExporterOptions().ProbeConcurrency,
        };

        var maxSockets = new Option<int>("--probe.max-sockets")
        {
            Description = "Probe sockets open at once across all requests; 0 sizes it from the open-files limit.",
            DefaultValueFactory = _ => 0,
            Recursive = true,
        };

        var configCheck = new Option<bool>("--config.check")
        {
            Description = "Validate the configuration (--config.file, or the embedded default), say what it holds, and exit: 0 valid, 1 not.",
        };

        var root = new RootCommand("ssh_exporter: probes SSH servers and tells apart the ways SSH fails, as Prometheus metrics.")
        {
            configFile, configCheck, listen, webConfigFile, logLevel, logFormat, enableLifecycle, timeoutOffset, concurrency, maxSockets, runbookUrl,
        };
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
        root.SetAction((parsed, cancellationToken) => parsed.GetValue(configCheck)
            ? ConfigCheckCommand.RunAsync(parsed.GetValue(configFile), parsed.GetValue(webConfigFile), Console.Out, Console.Error)
            : WithRunbookAsync(parsed.GetValue(runbookUrl)!, runbook => RunServerAsync(
            new ExporterOptions
            {
                ConfigFile = parsed.GetValue(configFile),
                ListenAddresses = parsed.GetValue(listen) ?? [],
                WebConfigFile = parsed.GetValue(webConfigFile),
                LogLevel = ToLogLevel(parsed.GetValue(logLevel)),
                LogFormat = parsed.GetValue(logFormat) == "json" ? LogFormat.Json : LogFormat.Logfmt,
                EnableLifecycle = parsed.GetValue(enableLifecycle),
                TimeoutOffset = TimeSpan.FromSeconds(parsed.GetValue(timeoutOffset)),
                ProbeConcurrency = parsed.GetValue(concurrency),
                ProbeMaxSockets = parsed.GetValue(maxSockets),
                Runbook = runbook,
            },
            cancellationToken)));

        var target = new Option<string>("--target") { Description = "host:port to probe.", Required = true };
        var module = new Option<string>("--module")
        {
            Description = "Module of the configuration to probe with.",
            DefaultValueFactory = _ => ExporterConfig.DefaultModuleName,
        };
        var output = new Option<string>("--output")
        {
            Description = "text: the verdict first, then the details; json: one document for scripts.",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong(CommandOutput.Formats);
        var probe = new Command("probe", $"Probe one target now: print the verdict (state, likely cause, the commands that confirm and fix it, the runbook section), then what happened step by step. {ExitCodes.Help}")
        {
            target, module, output,
        };
        probe.SetAction((parsed, cancellationToken) => WithRunbookAsync(parsed.GetValue(runbookUrl)!, runbook => ProbeCommand.RunAsync(
            parsed.GetValue(configFile), parsed.GetValue(target)!, parsed.GetValue(module)!, parsed.GetValue(maxSockets), CommandOutput.Parse(parsed.GetValue(output)),
            runbook, Console.Out, Console.Error, cancellationToken)));
        root.Add(probe);

        var diagnoseTarget = new Option<string?>("--target") { Description = "host:port to probe; without it, the local sshd's first watched port on localhost." };
        var diagnoseModule = new Option<string?>("--module") { Description = "Module of the configuration to probe with; without it, the sidecar's local_probe_module." };
        var diagnose = new Command("diagnose", "On the SSH server: run the local checks of the config's 'sidecar:' section (or the embedded default's) and a probe of the target, "
            + $"and print the verdict on both together and on the local sshd, then the checks and the probe's report. A check that could not look is no fault. {ExitCodes.Help}")
        {
            diagnoseTarget, diagnoseModule, output,
        };
        diagnose.SetAction((parsed, cancellationToken) => WithRunbookAsync(parsed.GetValue(runbookUrl)!, runbook => DiagnoseCommand.RunAsync(
            parsed.GetValue(configFile), parsed.GetValue(diagnoseTarget), parsed.GetValue(diagnoseModule), parsed.GetValue(maxSockets), CommandOutput.Parse(parsed.GetValue(output)),
            runbook, Console.Out, Console.Error, cancellationToken)));
        root.Add(diagnose);

        var healthcheck = new Command("healthcheck", "Ask the exporter listening on --web.listen-address for /-/healthy; exit 0 when it answers 200 (or, when --web.config.file lists users, 401 asking for their password).")
        {
            listen, webConfigFile,
        };
        healthcheck.SetAction((parsed, cancellationToken) => RunHealthcheckAsync(parsed.GetValue(listen) ?? [], parsed.GetValue(webConfigFile), cancellationToken));
        root.Add(healthcheck);
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line the parser rejects (an unknown flag, a missing
    /// <c>--target</c>, a value outside the allowed ones) is a usage error, exit code 2, as every other usage error is.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parsed = Create().Parse(args);
        // The host handles SIGINT and SIGTERM itself; the command-line parser must not race it for them.
        int exitCode = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
        return parsed.Action is System.CommandLine.Invocation.ParseErrorAction ? ExitCodes.Usage : exitCode;
    }

    /// <summary>
    /// Runs a command with the runbook of <c>--web.runbook-url</c>, the one place the flag is checked; a bad URL
    /// is a usage error (exit code 2) for the server and the probe command alike.
    /// </summary>
    private static async Task<int> WithRunbookAsync(string baseUrl, Func<RunbookLinks, Task<int>> run)
    {
        if (!RunbookLinks.TryCreate(baseUrl, out var runbook, out string error))
        {
            await Console.Error.WriteLineAsync(error);
            return ExitCodes.Usage;
        }

        return await run(runbook);
    }

    private static async Task<int> RunHealthcheckAsync(string[] listenAddresses, string? webConfigFile, CancellationToken cancellationToken)
    {
        // The first address is the one asked, as the server listens on all of them.
        string text = listenAddresses.FirstOrDefault() ?? ExporterOptions.DefaultListenAddress;
        if (!ListenAddress.TryParse(text, out var address, out string error))
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        WebConfig.WebSettings? webConfig = null;
        try
        {
            webConfig = webConfigFile is { Length: > 0 } ? WebConfig.WebConfigLoader.Load(webConfigFile).Settings : null;
        }
        catch (WebConfig.WebConfigException e)
        {
            await Console.Error.WriteLineAsync($"error loading web config: {e.Message}");
            return 1;
        }

        return await HealthcheckCommand.RunAsync(address!, webConfig, Console.Out, Console.Error, cancellationToken);
    }

    private static async Task<int> RunServerAsync(ExporterOptions options, CancellationToken cancellationToken)
    {
        var listen = new List<ListenAddress>();
        foreach (string text in options.ListenAddresses)
        {
            if (!ListenAddress.TryParse(text, out var address, out string error))
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            listen.Add(address!);
        }

        if (options.TimeoutOffset < TimeSpan.Zero || options.ProbeConcurrency < 0 || options.ProbeMaxSockets < 0)
        {
            await Console.Error.WriteLineAsync("--timeout-offset, --probe.concurrency and --probe.max-sockets must not be negative");
            return 2;
        }

        WebApplication app;
        try
        {
            app = ExporterHost.Build(options, listen);
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync($"error loading config: {e.Message}");
            return 1;
        }
        catch (WebConfig.WebConfigException e)
        {
            await Console.Error.WriteLineAsync($"error loading web config: {e.Message}");
            return 1;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Kestrel's message names the address ("Failed to bind to address http://…: address already in use.").
                await Console.Error.WriteLineAsync($"cannot listen: {e.Message}");
                return 1;
            }

            StartupSummary.Of(app.Services.GetRequiredService<ConfigStore>().Current, options, [.. app.Urls], app.Services.GetRequiredService<Probing.SshProber>(),
                    basicAuth: app.Services.GetService<WebConfig.WebConfigSource>()?.Initial.BasicAuthUsers.Count > 0)
                .Log(app.Services.GetRequiredService<ILogger<ExporterOptions>>());
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    private static LogLevel ToLogLevel(string? level) => level switch
    {
        "debug" => LogLevel.Debug,
        "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };
}
