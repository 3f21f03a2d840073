namespace SshExporter.Recent;

/// <summary>Cuts what the buffers keep to a fixed length, so a long target or a chatty probe cannot grow them.</summary>
public static class BoundedText
{
    public const string Marker = "… (cut)";

    public static string Cut(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - Marker.Length), Marker);
}
