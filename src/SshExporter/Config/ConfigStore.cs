using SshExporter.Metrics;

namespace SshExporter.Config;

/// <summary>
/// Holds the running configuration and swaps it on reload. A file that fails to load never replaces a good
/// one: the error is logged and exposed as <c>ssh_exporter_config_last_reload_successful 0</c>.
/// </summary>
public sealed class ConfigStore
{
    private readonly string? _path;
    private readonly ILogger<ConfigStore> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _reloadGate = new();
    private ExporterConfig _current;

    /// <summary>Loads the file (or the embedded default when <paramref name="path"/> is null); throws <see cref="ConfigException"/>.</summary>
    public ConfigStore(string? path, ILogger<ConfigStore> logger, TimeProvider time)
    {
        _path = path;
        _logger = logger;
        _time = time;
        _current = Load();
        Log.ConfigLoaded(logger, _current.Source, _current.Modules.Count, _current.Targets.Count);
        ExporterMetrics.ConfigLoaded(time.GetUtcNow());
    }

    public ExporterConfig Current => Volatile.Read(ref _current);

    public bool TryReload(string trigger, out string error)
    {
        Log.Reloading(_logger, trigger);
        lock (_reloadGate)
        {
            try
            {
                var next = Load();
                Volatile.Write(ref _current, next);
                ExporterMetrics.ConfigLoaded(_time.GetUtcNow());
                Log.ConfigLoaded(_logger, next.Source, next.Modules.Count, next.Targets.Count);
                error = "";
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Only a ConfigException is expected (the loader's property tests hold it to that), but a reload runs
                // in SIGHUP's handler too, where anything else would end the process: it keeps the running config all the same.
                error = e is ConfigException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                ExporterMetrics.ConfigRejected();
                Log.ConfigRejected(_logger, error);
                return false;
            }
        }
    }

    private ExporterConfig Load() => ConfigLoader.Load(_path);
}
