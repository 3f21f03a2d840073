namespace SshExporter.Logging;

/// <summary>The line formats of <c>--log.format</c>, as Prometheus's programs offer them (promslog).</summary>
public enum LogFormat
{
    /// <summary><c>time=… level=INFO source=… msg="…" key=value</c>, as Go's slog text handler writes it.</summary>
    Logfmt,

    /// <summary>One JSON object per line with the same keys, for log pipelines that parse JSON.</summary>
    Json,
}
