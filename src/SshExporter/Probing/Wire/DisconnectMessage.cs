using System.Text;

namespace SshExporter.Probing.Wire;

/// <summary>SSH_MSG_DISCONNECT (RFC 4253 §11.1): the server's reason for ending the exchange, for the debug report.</summary>
public static class DisconnectMessage
{
    public const byte MessageNumber = 1;

    private const int MaxDescription = 120;

    /// <summary>The reason code and a printable excerpt of the description; never a label.</summary>
    public static string Describe(ReadOnlySpan<byte> payload)
    {
        var reader = new SshWireReader(payload[1..]);
        if (!reader.TryReadUInt32(out uint code) || !reader.TryReadString(out var description))
        {
            return "the server disconnected: (malformed DISCONNECT)";
        }

        var text = new StringBuilder();
        foreach (byte b in description[..Math.Min(description.Length, MaxDescription)])
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        }

        return $"the server disconnected: reason {code}, \"{text}\"";
    }
}
