namespace SshExporter.Tests.Sidecar.Service;

/// <summary>A fresh directory under the system temp directory, removed again on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("ssh-exporter-test-").FullName;

    public string Path { get; }

    /// <summary>The path of <paramref name="relative"/> inside, with its parent directories created.</summary>
    public string File(string relative)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the temp directory is cleaned up eventually.
        }
    }
}
