using Microsoft.Extensions.Logging.Console;

namespace SshExporter.Logging;

public sealed class PromslogFormatterOptions : ConsoleFormatterOptions
{
    public LogFormat Format { get; set; } = LogFormat.Logfmt;

    /// <summary>Starts each line with journald's priority (<c>&lt;3&gt;</c>), which journald turns into the entry's level.</summary>
    public bool JournalPriorityPrefix { get; set; }
}
