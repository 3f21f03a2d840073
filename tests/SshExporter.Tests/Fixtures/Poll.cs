using System.Diagnostics;

namespace SshExporter.Tests.Fixtures;

/// <summary>Waits for a condition by asking it again and again, never longer than a generous limit.</summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>True as soon as <paramref name="condition"/> holds; false once <paramref name="limit"/> has passed without it.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan limit, CancellationToken cancellationToken, TimeSpan? interval = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (stopwatch.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval, cancellationToken);
        }
    }
}
