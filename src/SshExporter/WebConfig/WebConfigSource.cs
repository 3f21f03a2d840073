namespace SshExporter.WebConfig;

/// <summary>
/// The web config file as it is now. exporter-toolkit re-reads the file on each connection and request, so that a
/// rotated certificate is served without a restart; this does the same, but reads again only when the file or one it
/// names has changed (modification time or size), since a handshake or request should not parse PEM each time.
/// </summary>
public sealed class WebConfigSource
{
    private readonly Lock _lock = new();
    private ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private (WebSettings Settings, IReadOnlyList<FileStamp> Files) _current;
    private string? _failedReason;

    private WebConfigSource(string path, WebSettings settings, IReadOnlyList<FileStamp> files)
    {
        Path = path;
        Initial = settings;
        _current = (settings, files);
    }

    public string Path { get; }

    /// <summary>The settings at startup; the protocols (HTTP/2, TLS or not) are fixed then, as with the toolkit.</summary>
    public WebSettings Initial { get; }

    /// <summary>Reads the file now; throws <see cref="WebConfigException"/> when it cannot be used.</summary>
    public static WebConfigSource Open(string path)
    {
        var (settings, files) = WebConfigLoader.Load(path);
        return new WebConfigSource(path, settings, files);
    }

    public void UseLogger(ILogger logger) => _logger = logger;

    /// <summary>The settings now; throws <see cref="WebConfigException"/> (and logs it, once per change) when the file has become unusable.</summary>
    public WebSettings Current()
    {
        lock (_lock)
        {
            if (!_current.Files.Any(file => file.Changed))
            {
                return _current.Settings;
            }

            try
            {
                _current = WebConfigLoader.Load(Path);
                _failedReason = null;
                WebConfigLog.Reloaded(_logger, Path);
                return _current.Settings;
            }
            catch (WebConfigException e)
            {
                // The old files stay the ones watched, so each new connection tries again, but the log says it once.
                if (_failedReason != e.Message)
                {
                    _failedReason = e.Message;
                    WebConfigLog.Unusable(_logger, e.Message);
                }

                throw;
            }
        }
    }
}
