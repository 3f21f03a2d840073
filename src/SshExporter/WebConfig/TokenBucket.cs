namespace SshExporter.WebConfig;

/// <summary>
/// exporter-toolkit's <c>rate_limit</c> (Go's <c>rate.NewLimiter(rate.Every(interval), burst)</c>): one request per
/// interval on average for the whole server, bursts of up to <c>burst</c>; starts full.
/// </summary>
public sealed class TokenBucket(TimeSpan interval, int burst, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_lock)
        {
            long now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now) / interval));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
