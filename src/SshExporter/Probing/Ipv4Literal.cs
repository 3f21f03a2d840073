using System.Globalization;

namespace SshExporter.Probing;

/// <summary>
/// IPv4 as resolvers read it. inet_aton, and .NET's <c>IPAddress.TryParse</c> after it, read <c>2130706433</c>,
/// <c>0x7f.1</c>, <c>0177.0.0.1</c> and <c>127.1</c> all as 127.0.0.1, so a check of the text would not see the
/// address that is dialled. As the WHATWG URL standard does, a host whose last label is a number is read as IPv4 in
/// any of these forms (one to four parts; each decimal, octal after a leading 0, or hex after 0x), and the target
/// parser then accepts only the canonical dotted quad.
/// </summary>
internal static class Ipv4Literal
{
    /// <summary>The last label is all digits, or 0x and hex digits: a resolver reads such a host as a number, never as a name.</summary>
    public static bool EndsInANumber(string host)
    {
        string last = host[(host.LastIndexOf('.') + 1)..];
        if (last.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return last[2..].All(char.IsAsciiHexDigit);
        }

        return last.Length > 0 && last.All(char.IsAsciiDigit);
    }

    /// <summary>The address the numbers mean, as its dotted quad, or null when they mean none (too many parts, too large, bad digits).</summary>
    public static string? Canonical(string host)
    {
        string[] parts = host.Split('.');
        if (parts.Length > 4)
        {
            return null;
        }

        ulong address = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            // Every part but the last is one byte; the last fills the bytes that are left.
            ulong limit = last ? 1UL << (8 * (5 - parts.Length)) : 256;
            if (!TryParsePart(parts[i], out ulong value) || value >= limit)
            {
                return null;
            }

            address |= last ? value : value << (8 * (3 - i));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xff}.{(address >> 8) & 0xff}.{address & 0xff}");
    }

    /// <summary>True when <paramref name="host"/> is a dotted quad exactly as an address prints: no leading zeros, no other base.</summary>
    public static bool IsCanonical(string host) => Canonical(host) == host;

    private static bool TryParsePart(string part, out ulong value)
    {
        value = 0;
        (string digits, int radix) = part switch
        {
            _ when part.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (part[2..], 16),
            ['0', _, ..] => (part[1..], 8),
            _ => (part, 10),
        };
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (char c in digits)
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
            {
                return false;
            }

            // Saturate: anything past 32 bits is too large for every part alike.
            value = Math.Min(value * (ulong)radix + (ulong)digit, 1UL << 33);
        }

        return true;
    }
}
