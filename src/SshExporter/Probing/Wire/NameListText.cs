namespace SshExporter.Probing.Wire;

/// <summary>
/// Algorithm names from a peer's KEXINIT as text for the debug report and failure reasons: at most
/// <see cref="MaxLength"/> characters, so a hostile list (a KEXINIT may be 35,000 bytes) is never copied whole
/// into every trace line and reason.
/// </summary>
internal static class NameListText
{
    public const int MaxLength = 1024;

    public static string Join(IReadOnlyList<string> names) => Bound(string.Join(',', names));

    public static string Bound(string text) => text.Length <= MaxLength ? text : $"{text[..MaxLength]}… ({text.Length} characters)";
}
