namespace SshExporter.WebConfig;

/// <summary>A file as read: its path and, taken just before reading it, its modification time and size.</summary>
public sealed record FileStamp(string Path, string Stamp)
{
    /// <summary>Taken before the file is read, so that a change while it is read shows as a change the next time.</summary>
    public static FileStamp Of(string path) => new(path, Now(path));

    public bool Changed => Now(Path) != Stamp;

    private static string Now(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}:{info.Length}" : "missing";
    }
}
