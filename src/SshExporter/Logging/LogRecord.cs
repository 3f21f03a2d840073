using System.Text;

namespace SshExporter.Logging;

/// <summary>
/// One log line before it is written: the four keys every line has (time, level, source, msg), the fields of the
/// message template under snake_case keys, and an exception as <c>err</c>, last.
/// </summary>
public sealed record LogRecord(DateTimeOffset Time, LogLevel Level, string Source, string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields, string? Error)
{
    /// <summary>The keys every line starts with; a template field of the same name is renamed, as promslog does.</summary>
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal) { "time", "level", "source", "msg", "err" };

    /// <summary>slog's level names; .NET's trace and critical fold into the nearest of them.</summary>
    public string LevelName => Level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        _ => "ERROR",
    };

    /// <summary>journald's priority (syslog's), as .NET's systemd formatter maps the levels.</summary>
    public int JournalPriority => Level switch
    {
        LogLevel.Trace or LogLevel.Debug => 7,
        LogLevel.Information => 6,
        LogLevel.Warning => 4,
        LogLevel.Error => 3,
        _ => 2,
    };

    /// <summary>The record of a log call: <paramref name="state"/> is the template's fields, as source-generated logging passes them.</summary>
    public static LogRecord Create<TState>(DateTimeOffset time, LogLevel level, string category, TState state, string message, Exception? exception)
    {
        var fields = new List<KeyValuePair<string, object?>>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (name, value) in pairs)
            {
                // The template itself is the message already.
                if (name != "{OriginalFormat}")
                {
                    string key = SnakeCase(name);
                    fields.Add(new(ReservedKeys.Contains(key) ? "logged_" + key : key, value));
                }
            }
        }

        return new LogRecord(time, level, category, message, fields, exception is null ? null : ErrorText(exception));
    }

    /// <summary><c>ProbeConcurrency</c> → <c>probe_concurrency</c>, <c>HTTPStatus</c> → <c>http_status</c>; anything but letters and digits becomes <c>_</c>.</summary>
    public static string SnakeCase(string name)
    {
        var key = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                if (key.Length > 0 && key[^1] != '_')
                {
                    key.Append('_');
                }

                continue;
            }

            bool wordStart = char.IsAsciiLetterUpper(c) && i > 0
                && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]) && char.IsAsciiLetterUpper(name[i - 1])));
            if (wordStart && key.Length > 0 && key[^1] != '_')
            {
                key.Append('_');
            }

            key.Append(char.ToLowerInvariant(c));
        }

        string text = key.ToString().Trim('_');
        return text.Length > 0 ? text : "field";
    }

    /// <summary>
    /// What went wrong, on one line as Go's wrapped errors read: each exception's type and message, outermost
    /// first. No stack trace: the line says what failed, the message names where.
    /// </summary>
    private static string ErrorText(Exception exception)
    {
        var text = new StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (text.Length > 0)
            {
                text.Append(": ");
            }

            text.Append(e.GetType().Name).Append(": ").Append(e.Message);
        }

        return text.ToString();
    }
}
