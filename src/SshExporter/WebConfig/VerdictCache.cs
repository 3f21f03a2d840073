using System.Collections.Concurrent;

namespace SshExporter.WebConfig;

/// <summary>A bounded map of bcrypt verdicts; when full, a tenth of it is dropped (exporter-toolkit's cache does the same).</summary>
internal sealed class VerdictCache(int capacity)
{
    private readonly ConcurrentDictionary<string, bool> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string key, out bool verdict) => _entries.TryGetValue(key, out verdict);

    public void Set(string key, bool verdict)
    {
        if (_entries.Count >= capacity)
        {
            foreach (string old in _entries.Keys.Take(Math.Max(1, capacity / 10)))
            {
                _entries.TryRemove(old, out _);
            }
        }

        _entries[key] = verdict;
    }
}
