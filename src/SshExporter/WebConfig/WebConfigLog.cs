namespace SshExporter.WebConfig;

/// <summary>The web config's log lines, source-generated.</summary>
internal static partial class WebConfigLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Read the changed web config file {Path}")]
    public static partial void Reloaded(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The web config file cannot be used, so TLS handshakes and requests fail until it is fixed: {Reason}")]
    public static partial void Unusable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Web config {Path}: TLS {Tls}, HTTP/2 {Http2}, basic auth for {Users} users")]
    public static partial void Started(ILogger logger, string path, string tls, bool http2, int users);
}
