namespace SshExporter.Tests.Sidecar.SshdConfig;

/// <summary>A scratch directory for one test, removed afterwards.</summary>
internal sealed class TempTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ssh-exporter-sshdconf-").FullName;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/>, creating directories; returns the full path.</summary>
    public string Write(string relative, string content)
    {
        string path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; never fail a test over it.
        }
    }
}
