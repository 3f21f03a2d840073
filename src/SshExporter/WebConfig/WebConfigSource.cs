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
    private (WebSettings Settings, IReadOnlyList<string> Files, string Stamp) _current;
    private string? _failedStamp;

    private WebConfigSource(string path, (WebSettings, IReadOnlyList<string>) loaded)
    {
        Path = path;
        _current = (loaded.Item1, loaded.Item2, Stamp(path, loaded.Item2));
    }

    public string Path { get; }

    /// <summary>The settings at startup; the protocols (HTTP/2, TLS or not) are fixed then, as with the toolkit.</summary>
    public WebSettings Initial { get; private init; } = WebSettings.PlainHttp;

    /// <summary>Reads the file now; throws <see cref="WebConfigException"/> when it cannot be used.</summary>
    public static WebConfigSource Open(string path)
    {
        var loaded = WebConfigLoader.Load(path);
        return new WebConfigSource(path, loaded) { Initial = loaded.Settings };
    }

    public void UseLogger(ILogger logger) => _logger = logger;

    /// <summary>The settings now; throws <see cref="WebConfigException"/> (and logs it, once per change) when the file has become unusable.</summary>
    public WebSettings Current()
    {
        lock (_lock)
        {
            string stamp = Stamp(Path, _current.Files);
            if (stamp == _current.Stamp)
            {
                return _current.Settings;
            }

            try
            {
                var (settings, files) = WebConfigLoader.Load(Path);
                // Stamped with the files the new settings name, which may differ from the old ones.
                _current = (settings, files, Stamp(Path, files));
                _failedStamp = null;
                WebConfigLog.Reloaded(_logger, Path);
                return settings;
            }
            catch (WebConfigException e)
            {
                if (_failedStamp != stamp)
                {
                    _failedStamp = stamp;
                    WebConfigLog.Unusable(_logger, e.Message);
                }

                throw;
            }
        }
    }

    private static string Stamp(string path, IReadOnlyList<string> files) =>
        string.Join('|', new[] { path }.Concat(files).Select(file =>
        {
            var info = new FileInfo(file);
            return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}:{info.Length}" : "missing";
        }));
}
