using System.Runtime.ExceptionServices;

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// Disposes the parts of what a test built, each one even when one before it failed, and then throws what did not
/// clean up: a leaked namespace or process is a failure to see, not to hide.
/// </summary>
public static class Cleanup
{
    /// <summary>Disposes each part in order (nulls are skipped); throws the one failure, or all of them together.</summary>
    public static async ValueTask DisposeAllAsync(params IEnumerable<IAsyncDisposable?> parts) => Throw(await TryDisposeAllAsync(parts));

    /// <summary>
    /// For a catch block whose rethrow follows: disposes the parts of a start that failed with
    /// <paramref name="failure"/>; if that fails too, throws both, so neither hides the other.
    /// </summary>
    public static async ValueTask AfterFailureAsync(Exception failure, params IEnumerable<IAsyncDisposable?> parts)
    {
        var failures = await TryDisposeAllAsync(parts);
        if (failures.Count > 0)
        {
            throw new AggregateException([failure, .. failures]);
        }
    }

    /// <summary>A disposable that is not async (a temp directory), as a part.</summary>
    public static IAsyncDisposable Of(IDisposable part) => new Synchronous(part);

    private static async Task<List<Exception>> TryDisposeAllAsync(IEnumerable<IAsyncDisposable?> parts)
    {
        List<Exception> failures = [];
        foreach (var part in parts)
        {
            try
            {
                if (part is not null)
                {
                    await part.DisposeAsync();
                }
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        return failures;
    }

    private static void Throw(List<Exception> failures)
    {
        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failures[0]);
        }

        if (failures.Count > 1)
        {
            throw new AggregateException(failures);
        }
    }

    private sealed class Synchronous(IDisposable part) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            part.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
