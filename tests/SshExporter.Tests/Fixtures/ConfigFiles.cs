using SshExporter.Tests.Fixtures;

[assembly: AssemblyFixture(typeof(ConfigFiles))]

namespace SshExporter.Tests.Fixtures;

/// <summary>
/// The config files the end-to-end tests write, each in a directory of its own under one temp directory that is
/// removed when the test run ends. Not per test: an exporter process may still read its file after the test's
/// own code is done with the path.
/// </summary>
public sealed class ConfigFiles : IDisposable
{
    private static readonly Lazy<TempDirectory> Root = new(() => new TempDirectory(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _written;

    /// <summary>Writes <paramref name="yaml"/> to a fresh <c>config.yml</c> and returns its path.</summary>
    public static string Write(string yaml) =>
        Root.Value.Write($"{Interlocked.Increment(ref _written)}/config.yml", yaml);

    public void Dispose()
    {
        if (Root.IsValueCreated)
        {
            Root.Value.Dispose();
        }
    }
}
