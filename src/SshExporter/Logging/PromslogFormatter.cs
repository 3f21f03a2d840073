using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace SshExporter.Logging;

/// <summary>
/// The console's log lines as Prometheus's own programs write them (promslog: Go's slog handlers), in logfmt or JSON,
/// with the message template's fields as keys; under journald each line keeps its priority prefix.
/// </summary>
public sealed class PromslogFormatter(IOptions<PromslogFormatterOptions> options, TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "promslog";

    private readonly PromslogFormatterOptions _options = options.Value;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception) ?? "";
        if (message.Length == 0 && logEntry.Exception is null)
        {
            return;
        }

        var record = LogRecord.Create(time.GetUtcNow(), logEntry.LogLevel, logEntry.Category, logEntry.State, message, logEntry.Exception);
        textWriter.Write(Line(record, _options));
    }

    /// <summary>The whole line, newline included, so that the console writes it in one piece.</summary>
    public static string Line(LogRecord record, PromslogFormatterOptions options)
    {
        string body = options.Format == LogFormat.Json ? JsonLogLine.Format(record) : LogfmtLine.Format(record);
        return options.JournalPriorityPrefix ? $"<{record.JournalPriority}>{body}\n" : body + "\n";
    }
}
