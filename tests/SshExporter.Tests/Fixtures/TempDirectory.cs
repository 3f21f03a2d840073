using System.Runtime.Versioning;

namespace SshExporter.Tests.Fixtures;

/// <summary>A fresh directory under the system temp directory for one test, removed again on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("ssh-exporter-test-").FullName;

    public string Path { get; }

    /// <summary>The path of <paramref name="relative"/> inside, with its parent directories created (not the entry itself).</summary>
    public string PathOf(string relative)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/>, creating directories; returns the full path.</summary>
    public string Write(string relative, string content)
    {
        string path = PathOf(relative);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes <paramref name="script"/> like <see cref="Write"/> and makes it executable by its owner.</summary>
    [UnsupportedOSPlatform("windows")]
    public string WriteExecutable(string relative, string script)
    {
        string path = Write(relative, script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
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
