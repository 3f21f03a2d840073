using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace SshExporter.Logging;

public static class LoggingBuilderExtensions
{
    /// <summary>
    /// Every line to standard error in <paramref name="format"/>, as promslog writes them; with journald's priority
    /// prefix when standard error is the journal.
    /// </summary>
    public static ILoggingBuilder AddPromslogConsole(this ILoggingBuilder logging, LogFormat format)
    {
        logging.Services.TryAddSingleton(TimeProvider.System);
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // What AddConsoleFormatter<,> registers, less its binding of the options to configuration (which needs
        // reflection that Native AOT lacks, and which nothing here configures).
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, PromslogFormatter>());
        logging.Services.Configure<PromslogFormatterOptions>(options =>
        {
            options.Format = format;
            options.JournalPriorityPrefix = IsJournalStream();
        });
        // After everything else: AddSystemd() chooses .NET's own systemd formatter when it sees systemd.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(console => console.FormatterName = PromslogFormatter.FormatterName);
        return logging;
    }

    /// <summary>systemd sets JOURNAL_STREAM when it connects the output to the journal, whose priority prefixes (<c>&lt;6&gt;</c>) become log levels there.</summary>
    private static bool IsJournalStream() => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
}
