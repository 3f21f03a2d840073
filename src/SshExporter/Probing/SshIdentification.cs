using System.Text;

namespace SshExporter.Probing;

/// <summary>
/// A server's identification line, RFC 4253 §4.2: <c>SSH-protoversion-softwareversion SP comments</c>.
/// </summary>
public sealed record SshIdentification(string ProtocolVersion, string SoftwareVersion, string Comments)
{
    /// <summary>The longest identification line the RFC allows, CR LF included.</summary>
    public const int MaxLineLength = 255;

    /// <summary>"2.0", and "1.99" which RFC 4253 §5.1 defines as speaking 2.0 as well.</summary>
    public bool SpeaksSsh2 => ProtocolVersion is "2.0" or "1.99";

    /// <summary>Any other 1.x: a server that only speaks the broken SSH 1 protocol.</summary>
    public bool IsSsh1Only => !SpeaksSsh2 && ProtocolVersion.StartsWith("1.", StringComparison.Ordinal);

    /// <summary>
    /// Parses one line without its line ending. Returns false unless the line starts with <c>SSH-</c>,
    /// names a protocol version and a software version, and holds only printable ASCII.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out SshIdentification? identification)
    {
        identification = null;
        if (line.Length > MaxLineLength - 2 || !line.StartsWith("SSH-"u8))
        {
            return false;
        }

        foreach (byte b in line)
        {
            if (b is < 0x20 or > 0x7e)
            {
                return false;
            }
        }

        string text = Encoding.ASCII.GetString(line[4..]);
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == text.Length - 1)
        {
            return false;
        }

        string protocol = text[..dash];
        string rest = text[(dash + 1)..];
        int space = rest.IndexOf(' ', StringComparison.Ordinal);
        string software = space < 0 ? rest : rest[..space];
        string comments = space < 0 ? "" : rest[(space + 1)..];
        if (software.Length == 0 || !IsProtocolVersion(protocol))
        {
            return false;
        }

        identification = new SshIdentification(protocol, software, comments);
        return true;
    }

    /// <summary>The line sent as our own identification, CR LF included.</summary>
    public static byte[] ClientLine(string softwareVersion) =>
        Encoding.ASCII.GetBytes($"SSH-2.0-{softwareVersion}\r\n");

    public override string ToString() =>
        Comments.Length == 0 ? $"SSH-{ProtocolVersion}-{SoftwareVersion}" : $"SSH-{ProtocolVersion}-{SoftwareVersion} {Comments}";

    // "major.minor", digits only: anything else is not an SSH version at all.
    private static bool IsProtocolVersion(string value)
    {
        int dot = value.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < value.Length - 1
            && value.AsSpan(0, dot).IndexOfAnyExceptInRange('0', '9') < 0
            && value.AsSpan(dot + 1).IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
